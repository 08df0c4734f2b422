package org.ccpairs.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** A JVM like the demo's: brings a stack up with {@link LocalStack#stopOnExit()} and waits. */
public final class StackUpUntilKilled {

    private StackUpUntilKilled() {}

    public static void main(String[] args) throws InterruptedException {
        Status status = LocalStack.at(Path.of(args[0])).stopOnExit().up(0, 0);
        System.out.println("UP " + status.healthy());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
