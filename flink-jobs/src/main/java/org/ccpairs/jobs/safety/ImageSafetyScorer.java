package org.ccpairs.jobs.safety;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import org.ccpairs.jobs.model.Pair;

/**
 * An external image-safety model, e.g. a CLIP-based NSFW classifier served over HTTP, asked
 * asynchronously for every pair that passed the link check ({@code safety.image.enabled}, off by
 * default). {@link HttpImageSafetyScorer} ships with ccpairs ({@code safety.image.endpoint}).
 * Implementations create their clients in {@link #open()} and release them in {@link #close()}; one
 * instance per task.
 */
public interface ImageSafetyScorer extends Serializable {
    default void open() throws Exception {}

    /**
     * The score of the pair's image, 0 (safe) to 1. A future that fails, never completes within
     * {@code safety.image.timeout}, or yields null or a value outside [0, 1] rejects the pair as
     * {@code IMAGE_NOT_SCORED}: the stage fails closed.
     */
    CompletableFuture<Double> score(Pair pair);

    default void close() throws Exception {}
}
