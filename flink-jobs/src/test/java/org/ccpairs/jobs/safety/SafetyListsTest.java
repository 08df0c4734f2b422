package org.ccpairs.jobs.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.ccpairs.avro.BlocklistEntry;
import org.ccpairs.avro.BlocklistEntryKind;
import org.ccpairs.avro.BlocklistUpdate;
import org.ccpairs.jobs.dedup.PairIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entry validation, list files, updates and matching, without Flink. */
class SafetyListsTest {
    private static final PairIdentity ID = new PairIdentity();
    private static final String IMG = "https://cdn.example.org/a/cat.jpg";

    @TempDir Path dir;

    @Test
    void urlsAreMatchedExactlyAndByTheirDigestsAfterNormalization() throws Exception {
        String other = "http://IMG.example.net:80/x/../dog.png#frag"; // normalizes
        String third = "https://img.example.com/bird.webp";
        SafetyLists lists =
                lists(
                        "URL:" + ID.normalizeUrl(IMG),
                        "URL_SHA256:" + hex("SHA-256", ID.normalizeUrl(other)),
                        "URL_MD5:" + hex("MD5", third));

        assertThat(lists.match("https://CDN.example.org:443/a/./cat.jpg", null).kind())
                .isEqualTo("URL");
        assertThat(lists.match("http://img.example.net/dog.png", null).kind())
                .isEqualTo("URL_SHA256");
        assertThat(lists.match(third, "https://a.example/").kind()).isEqualTo("URL_MD5");
        assertThat(lists.match("https://cdn.example.org/a/cat.jpeg", null)).isNull();
    }

    @Test
    void domainsMatchTheirSubdomainsUpToTheRegistrableDomainOnly() {
        SafetyLists lists =
                lists("DOMAIN:bad.example.co.uk", "DOMAIN:co.uk", "DOMAIN:img.good.org");

        assertThat(lists.match("https://bad.example.co.uk/a.jpg", null)).isNotNull();
        assertThat(lists.match("https://x.y.bad.example.co.uk/a.jpg", null).on())
                .isEqualTo("image host x.y.bad.example.co.uk");
        assertThat(lists.match("https://notbad.example.co.uk/a.jpg", null))
                .as("a public suffix as entry matches nothing")
                .isNull();
        assertThat(lists.match("https://cdn.good.org/a.jpg", "https://a.img.good.org/page").on())
                .isEqualTo("page host a.img.good.org");
        assertThat(lists.match("https://good.org/a.jpg", null)).isNull();
        assertThat(lists.match("https://img.good.org.evil.net/a.jpg", null)).isNull();
    }

    @Test
    void aMatchSaysWhichListAndVersion() {
        SafetyLists lists =
                new SafetyLists(List.of(new SafetyList("iwf", 7, Set.of("DOMAIN:bad.example"))));
        assertThat(lists.match("https://a.bad.example/x.jpg", null).detail())
                .isEqualTo(
                        "DOMAIN entry bad.example of iwf@7 matches the image host a.bad.example");
    }

    @Test
    void updatesAddAndRemoveEntriesAndValidateEveryOne() {
        SafetyList v1 = new SafetyList("l", 1, Set.of("DOMAIN:a.example", "DOMAIN:b.example"));
        SafetyListUpdate u =
                BlocklistDecoder.validated(
                        update(
                                2,
                                List.of(entry(BlocklistEntryKind.DOMAIN, "C.Example.")),
                                List.of(entry(BlocklistEntryKind.DOMAIN, "a.example"))),
                        ID);
        assertThat(v1.apply(u).entries())
                .containsExactlyInAnyOrder("DOMAIN:b.example", "DOMAIN:c.example");
        assertThat(v1.apply(u).version()).isEqualTo(2);
        assertThat(SafetyList.fromState("l", v1.apply(u).toState())).isEqualTo(v1.apply(u));

        assertThatAdding(
                        entry(BlocklistEntryKind.URL_SHA256, "ab".repeat(32)),
                        entry(BlocklistEntryKind.URL_MD5, "xyz"))
                .hasMessageContaining("added[1]")
                .hasMessageContaining("32 hex digits");
        assertThatAdding(entry(BlocklistEntryKind.URL, "ftp://x.example/a"))
                .hasMessageContaining("no http(s) URL");
        assertThatAdding(entry(BlocklistEntryKind.DOMAIN, "bad host!"))
                .hasMessageContaining("no host name");
    }

    @Test
    void listFilesAreReadAndABadLineNamesFileAndLine() throws Exception {
        Path good = dir.resolve("partner.txt");
        Files.writeString(
                good,
                "# partner list\nURL_MD5 " + "AB".repeat(16) + "\n\nDOMAIN bad.example\n",
                StandardCharsets.UTF_8);
        SafetyList list = SafetyList.load(good);
        assertThat(list.id()).isEqualTo("partner");
        assertThat(list.version()).isZero();
        assertThat(list.entries())
                .containsExactlyInAnyOrder("URL_MD5:" + "ab".repeat(16), "DOMAIN:bad.example");

        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "DOMAIN ok.example\nURL_SHA256 short\n");
        assertThatThrownBy(() -> SafetyList.load(bad)).hasMessageContaining("bad.txt:2");
    }

    static SafetyLists lists(String... entries) {
        return new SafetyLists(List.of(new SafetyList("test", 1, Set.of(entries))));
    }

    static BlocklistUpdate update(
            long version, List<BlocklistEntry> added, List<BlocklistEntry> removed) {
        return BlocklistUpdate.newBuilder()
                .setListId("l")
                .setVersion(version)
                .setAdded(added)
                .setRemoved(removed)
                .setPublishedAt(Instant.EPOCH)
                .build();
    }

    static BlocklistEntry entry(BlocklistEntryKind kind, String value) {
        return new BlocklistEntry(kind, value);
    }

    static String hex(String algorithm, String s) throws Exception {
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance(algorithm)
                                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** The failure of validating an update (version 3) that adds {@code entries}. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertThatAdding(
            BlocklistEntry... entries) {
        return assertThatThrownBy(
                () -> BlocklistDecoder.validated(update(3, List.of(entries), List.of()), ID));
    }
}
