package org.ccpairs.jobs.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.functions.async.CollectionSupplier;
import org.apache.flink.streaming.api.functions.async.ResultFuture;

/**
 * What an async function under test completes, in the order the completions came: each call of
 * {@link #future()} is one input's result. Completing exceptionally fails the test: the job's async
 * stages never fail the job.
 */
public final class CollectedResults<T> {
    private final List<T> results = new ArrayList<>();
    private final CountDownLatch done;

    /**
     * @param expected how many inputs will be completed; {@link #await} waits for them
     */
    public CollectedResults(int expected) {
        this.done = new CountDownLatch(expected);
    }

    /** A result future for one input. */
    public ResultFuture<T> future() {
        return new ResultFuture<>() {
            @Override
            public void complete(Collection<T> result) {
                synchronized (results) {
                    results.addAll(result);
                }
                done.countDown();
            }

            @Override
            public void completeExceptionally(Throwable error) {
                throw new AssertionError("the stage must never fail the job", error);
            }

            @Override
            public void complete(CollectionSupplier<T> supplier) {
                try {
                    complete(supplier.get());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };
    }

    /** Whether every expected input was completed within {@code seconds}. */
    public boolean await(long seconds) throws InterruptedException {
        return done.await(seconds, TimeUnit.SECONDS);
    }

    /** The results so far. */
    public List<T> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }
}
