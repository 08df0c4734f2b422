package org.ccpairs.jobs.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.Test;

class FilterChainTest {
    private static final Pair CAT = TestPairs.pair(1, "https://img.example.org/cat.png", "A cat");

    @Test
    void theFirstFilterThatRejectsDecidesAndLaterOnesAreNotAsked() {
        List<String> asked = new ArrayList<>();
        FilterChain chain =
                new FilterChain(
                        List.of(
                                filter("a", asked, Verdict.PASS),
                                filter("b", asked, Verdict.reject("B_SAYS_NO", "because")),
                                filter("c", asked, Verdict.reject("C_SAYS_NO", null))));

        Decision d = chain.decide(CAT);

        assertThat(d.passed()).isFalse();
        assertThat(d.filter()).isEqualTo("b");
        assertThat(d.reason()).isEqualTo("B_SAYS_NO");
        assertThat(d.detail()).isEqualTo("b: because");
        assertThat(asked).containsExactly("a", "b");
        assertThat(chain).hasToString("[a > b > c]");
    }

    @Test
    void aPairEveryFilterPassesPasses() {
        List<String> asked = new ArrayList<>();
        FilterChain chain =
                new FilterChain(
                        List.of(
                                filter("a", asked, Verdict.PASS),
                                filter("b", asked, Verdict.PASS)));

        assertThat(chain.decide(CAT)).isEqualTo(Decision.PASSED);
        assertThat(asked).containsExactly("a", "b");
        assertThat(new FilterChain(List.of()).decide(CAT).passed()).isTrue();
    }

    @Test
    void aFilterThatThrowsRejectsThePairInsteadOfLettingItThrough() {
        PairFilter broken =
                new PairFilter() {
                    @Override
                    public String name() {
                        return "broken-safety-check";
                    }

                    @Override
                    public Verdict check(Pair pair) {
                        throw new IllegalStateException("list not loaded");
                    }
                };
        List<String> asked = new ArrayList<>();
        FilterChain chain = new FilterChain(List.of(broken, filter("after", asked, Verdict.PASS)));

        Decision d = chain.decide(CAT);

        assertThat(d.passed()).isFalse();
        assertThat(d.reason()).isEqualTo(Decision.FILTER_ERROR);
        assertThat(d.filter()).isEqualTo("broken-safety-check");
        assertThat(d.detail())
                .contains("broken-safety-check failed")
                .contains("IllegalStateException")
                .contains("list not loaded");
        assertThat(asked).as("no filter after a failed one is asked").isEmpty();
    }

    @Test
    void aFilterThatReturnsNoVerdictRejectsToo() {
        FilterChain chain = new FilterChain(List.of(filter("silent", new ArrayList<>(), null)));

        assertThat(chain.decide(CAT).reason()).isEqualTo(Decision.FILTER_ERROR);
    }

    private static PairFilter filter(String name, List<String> asked, Verdict verdict) {
        return new PairFilter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Verdict check(Pair pair) {
                asked.add(name);
                return verdict;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
