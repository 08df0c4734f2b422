package org.ccpairs.jobs.linkcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Reading tdmrep.json: rules by path, no file for a page that is not one, fail closed otherwise.
 */
class TdmRepRulesTest {
    private static TdmRepRules read(String body) {
        return TdmRepRules.read(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstMatchingLocationDecides() {
        TdmRepRules rules =
                read(
                        "[{\"location\": \"/free/*\", \"tdm-reservation\": 0},"
                                + " {\"location\": \"/*\", \"tdm-reservation\": 1,"
                                + " \"tdm-policy\": \"https://example.org/policy\"}]");

        assertThat(rules.ruleFor("/free/a.jpg").reserved()).isFalse();
        assertThat(rules.ruleFor("/img/a.jpg").reserved()).isTrue();
        assertThat(rules.ruleFor("/img/a.jpg").policy()).isEqualTo("https://example.org/policy");
    }

    @Test
    void aPageThatIsNoJsonArrayIsNoFile() {
        assertThat(read("<!doctype html><html>not found</html>").isEmpty()).isTrue();
        assertThat(read("{\"location\": \"/\"}").isEmpty()).isTrue();
        assertThat(read("").isEmpty()).isTrue();
    }

    @Test
    void aFileThatBreaksOffReservesEverything() {
        TdmRepRules rules = read("[{\"location\": \"/free/*\", \"tdm-reservation\": 0}, {\"loc");

        assertThat(rules.ruleFor("/free/a.jpg").reserved()).isTrue();
        assertThat(rules.ruleFor("/anything").reserved()).isTrue();
        assertThat(rules.ruleFor("/anything").location()).contains("tdmrep.json unreadable");
    }
}
