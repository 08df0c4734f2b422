package org.ccpairs.jobs.safety;

import org.ccpairs.jobs.model.Pair;

/**
 * A pair after the image-safety scorer: with its score in {@code image_safety_score}, or without
 * one and the reason ({@code noScore} and {@code detail}).
 */
public record ScoredPair(Pair pair, NoScore noScore, String detail) {
    static ScoredPair scored(Pair pair) {
        return new ScoredPair(pair, null, null);
    }

    static ScoredPair unscored(Pair pair, NoScore cause, String detail) {
        return new ScoredPair(pair, cause, detail);
    }
}
