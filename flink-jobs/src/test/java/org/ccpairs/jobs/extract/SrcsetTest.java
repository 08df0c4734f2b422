package org.ccpairs.jobs.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class SrcsetTest {
    @Test
    void candidatesWithWidthsDensitiesAndCommasInUrls() {
        assertThat(
                        Srcset.parse(
                                " a.jpg 100w,b.jpg 1.5x , https://x/w_1,h_2/c.jpg 300w, d.jpg,"
                                        + " e.jpg 0w, f.jpg 12q, g.jpg"))
                .extracting(
                        Srcset.Candidate::url, Srcset.Candidate::width, Srcset.Candidate::density)
                .containsExactly(
                        tuple("a.jpg", 100, 1.0),
                        tuple("b.jpg", 0, 1.5),
                        tuple("https://x/w_1,h_2/c.jpg", 300, 1.0),
                        tuple("d.jpg", 0, 1.0),
                        tuple("g.jpg", 0, 1.0));
    }

    @Test
    void nullAndEmptyHaveNoCandidates() {
        assertThat(Srcset.parse(null)).isEmpty();
        assertThat(Srcset.parse(" , ,")).isEmpty();
    }
}
