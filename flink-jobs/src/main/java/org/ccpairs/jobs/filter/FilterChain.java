package org.ccpairs.jobs.filter;

import java.util.List;
import java.util.stream.Collectors;
import org.ccpairs.jobs.model.Pair;

/**
 * Filters applied in order; the first that rejects decides, and the decision names it (StormCrawler
 * {@code URLFilters}, except for errors). A filter that throws rejects the pair with reason {@link
 * Decision#FILTER_ERROR}, the filter's name and the exception in the detail: safety and opt-out
 * rules must fail closed, and a quality rule that cannot judge a pair has no grounds to publish it
 * either. An empty chain passes everything.
 */
public final class FilterChain {
    private final List<PairFilter> filters;

    public FilterChain(List<PairFilter> filters) {
        this.filters = List.copyOf(filters);
    }

    public Decision decide(Pair pair) {
        for (PairFilter f : filters) {
            Verdict v;
            try {
                v = f.check(pair);
            } catch (RuntimeException e) {
                return new Decision(
                        f.name(),
                        Decision.FILTER_ERROR,
                        f.name() + " failed: " + e.getClass().getName() + ": " + e.getMessage());
            }
            if (v == null) {
                return new Decision(
                        f.name(), Decision.FILTER_ERROR, f.name() + " returned no verdict");
            }
            if (!v.passed()) {
                return new Decision(
                        f.name(),
                        v.reason(),
                        v.detail() == null ? f.name() : f.name() + ": " + v.detail());
            }
        }
        return Decision.PASSED;
    }

    public List<PairFilter> filters() {
        return filters;
    }

    public boolean isEmpty() {
        return filters.isEmpty();
    }

    @Override
    public String toString() {
        return filters.stream().map(PairFilter::name).collect(Collectors.joining(" > ", "[", "]"));
    }
}
