package org.ccpairs.jobs.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.safety.SafetyListFunction.Scope;
import org.ccpairs.jobs.testing.TestPairs;
import org.junit.jupiter.api.Test;

/** The safety-list stages' decision per pair, without Flink: what passes, what not, and why. */
class SafetyVerdictTest {
    private static final String SHA = "a".repeat(64);
    private static final String MD5 = "b".repeat(32);

    private static Pair pair(String imageUrl, String sha256, String md5) {
        Pair p = TestPairs.pair(1, imageUrl, "A caption");
        return sha256 == null && md5 == null
                ? p
                : p.withLinkCheck(
                        new LinkCheck(
                                LinkStatus.OK,
                                200,
                                imageUrl,
                                "image/png",
                                10L,
                                "png",
                                100,
                                100,
                                0,
                                null,
                                sha256,
                                md5));
    }

    @Test
    void beforeTheLinkCheckUrlsAndHostsAreMatched() {
        SafetyLists lists = SafetyListsTest.lists("DOMAIN:bad.example", "IMAGE_SHA256:" + SHA);
        assertThat(
                        SafetyVerdict.of(
                                lists, Scope.URLS, pair("https://ok.example/a.jpg", null, null)))
                .isEqualTo(SafetyVerdict.PASS);
        SafetyVerdict listed =
                SafetyVerdict.of(
                        lists, Scope.URLS, pair("https://img.bad.example/a.jpg", null, null));
        assertThat(listed.reason()).isEqualTo("SAFETY_LIST");
        assertThat(listed.detail()).contains("DOMAIN", "bad.example", "test@1");
        assertThat(SafetyVerdict.of(lists, Scope.URLS, pair("https://ok.example/a.jpg", SHA, null)))
                .as("image entries are the other stage's")
                .isEqualTo(SafetyVerdict.PASS);
    }

    @Test
    void afterTheLinkCheckTheImageBytesAreMatchedAndAPairWithoutDigestsFailsClosed() {
        SafetyLists lists = SafetyListsTest.lists("IMAGE_MD5:" + MD5, "DOMAIN:bad.example");
        String url = "https://img.bad.example/a.jpg";
        assertThat(SafetyVerdict.of(lists, Scope.IMAGE_BYTES, pair(url, "c".repeat(64), MD5)))
                .extracting(SafetyVerdict::reason)
                .isEqualTo("SAFETY_LIST");
        assertThat(
                        SafetyVerdict.of(
                                lists,
                                Scope.IMAGE_BYTES,
                                pair("https://ok.example/b.jpg", "c".repeat(64), "d".repeat(32))))
                .as("URL and host entries are the first stage's")
                .isEqualTo(SafetyVerdict.PASS);
        SafetyVerdict unhashed =
                SafetyVerdict.of(
                        lists, Scope.IMAGE_BYTES, pair("https://ok.example/c.jpg", null, null));
        assertThat(unhashed.reason()).isEqualTo("IMAGE_NOT_HASHED");
        assertThat(unhashed.detail()).contains("linkcheck.content-hash");
        assertThat(
                        SafetyVerdict.of(
                                SafetyListsTest.lists("DOMAIN:bad.example"),
                                Scope.IMAGE_BYTES,
                                pair("https://ok.example/c.jpg", null, null)))
                .as("no image entries in force: nothing to match, nothing missing")
                .isEqualTo(SafetyVerdict.PASS);
    }

    @Test
    void aMatcherThatThrowsRejectsThePair() throws Exception {
        SafetyLists lists = SafetyListsTest.lists("DOMAIN:bad.example");
        // a pair without an image URL cannot come out of extraction: the matcher throws on it
        SafetyVerdict failed =
                SafetyVerdict.of(
                        lists, Scope.URLS, withoutImageUrl(pair("https://a.example/", null, null)));
        assertThat(failed.reason()).isEqualTo("FILTER_ERROR");
        assertThat(failed.detail()).startsWith("safety-lists failed: java.lang.");
    }

    /** {@code pair} with a null image URL, through the record's canonical constructor. */
    private static Pair withoutImageUrl(Pair pair) throws ReflectiveOperationException {
        RecordComponent[] components = Pair.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] =
                    components[i].getName().equals("imageUrl")
                            ? null
                            : components[i].getAccessor().invoke(pair);
        }
        return Pair.class.getDeclaredConstructor(types).newInstance(values);
    }

    @Test
    void imageEntriesAtStartNeedTheLinkCheckToHashImages() {
        List<SafetyList> lists =
                List.of(
                        new SafetyList("urls", 0, Set.of("DOMAIN:bad.example")),
                        new SafetyList("partner-images", 0, Set.of("IMAGE_SHA256:" + SHA)));
        SafetyVerdict.requireHashing(lists, true);
        assertThatThrownBy(() -> SafetyVerdict.requireHashing(lists, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'partner-images'")
                .hasMessageContaining("linkcheck.content-hash: true");
        SafetyVerdict.requireHashing(List.of(lists.get(0)), false);
    }
}
