package org.ccpairs.localstack;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Starts two components at the same time, so that a stack is ready after the slower one. */
final class InParallel {

    /** The two started components. */
    record Both<A, B>(A first, B second) {}

    private InParallel() {}

    /**
     * Runs {@code first} on a new thread and {@code second} on this one. If either fails, the other
     * is closed (once started) and the failure is rethrown, with the other's failure, if any,
     * suppressed into it: nothing is left running.
     */
    static <A, B> Both<A, B> start(
            Supplier<A> first,
            Consumer<A> closeFirst,
            Supplier<B> second,
            Consumer<B> closeSecond) {
        CompletableFuture<A> firstStart =
                CompletableFuture.supplyAsync(
                        first, task -> new Thread(task, "ccpairs-parallel-start").start());
        B secondStarted;
        try {
            secondStarted = second.get();
        } catch (RuntimeException e) {
            try {
                closeFirst.accept(firstStart.join());
            } catch (CompletionException firstFailure) {
                e.addSuppressed(firstFailure.getCause());
            }
            throw e;
        }
        try {
            return new Both<>(firstStart.join(), secondStarted);
        } catch (CompletionException e) {
            closeSecond.accept(secondStarted);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
