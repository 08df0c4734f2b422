package org.ccpairs.jobs.linkcheck;

import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;

/** Stops an Apache HttpClient 5 async client without racing its I/O threads. */
public final class AsyncClientShutdown {
    private AsyncClientShutdown() {}

    /**
     * Asks the client's I/O reactor threads to close their connections themselves, waits for them
     * up to a second, then closes what is left at once. Closing at once from the calling thread
     * alone closes channels while a reactor thread may be iterating its selected keys, which it
     * then logs as a {@code ConcurrentModificationException} (seen at the end of link-check runs).
     */
    public static void shutDown(CloseableHttpAsyncClient client) throws InterruptedException {
        client.initiateShutdown();
        try {
            client.awaitShutdown(TimeValue.of(1, TimeUnit.SECONDS));
        } finally {
            client.close(CloseMode.IMMEDIATE);
        }
    }
}
