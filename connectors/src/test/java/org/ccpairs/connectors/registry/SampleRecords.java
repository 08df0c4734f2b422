package org.ccpairs.connectors.registry;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.ccpairs.avro.BlocklistEntry;
import org.ccpairs.avro.BlocklistEntryKind;
import org.ccpairs.avro.BlocklistUpdate;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.FileKind;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.KafkaCoordinates;
import org.ccpairs.avro.PairProvenance;
import org.ccpairs.avro.Rejection;
import org.ccpairs.avro.Retraction;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.avro.SegmentRef;
import org.ccpairs.avro.TakedownRequest;
import org.junit.jupiter.api.Named;

/**
 * One record of every generated type in {@code org.ccpairs.avro}, with every optional field set
 * ("full") and with every optional field left null or default ("minimal"). Times are whole
 * milliseconds, the precision of {@code timestamp-millis}.
 */
final class SampleRecords {
    private static final Instant T = Instant.parse("2024-12-01T10:15:30.123Z");

    private SampleRecords() {}

    static SegmentAnnouncement announcement() {
        return SegmentAnnouncement.newBuilder()
                .setCrawlId("CC-MAIN-2024-51")
                .setSegmentId("1733066035855.10")
                .setFileKind(FileKind.WARC)
                .setFiles(
                        List.of(
                                "https://data.commoncrawl.org/crawl-data/CC-MAIN-2024-51/a.warc.gz",
                                "file:///data/b.warc.gz"))
                .setAnnouncedAt(T)
                .setAnnouncer("ccpairs-cli/0.1.0")
                .build();
    }

    static SegmentAnnouncement minimalAnnouncement() {
        return SegmentAnnouncement.newBuilder()
                .setCrawlId("c")
                .setSegmentId("s")
                .setFileKind(FileKind.WAT)
                .setFiles(List.of())
                .setAnnouncedAt(Instant.EPOCH)
                .setAnnouncer(null)
                .build();
    }

    static ImageTextPair pair() {
        return ImageTextPair.newBuilder()
                .setPairId("0123456789abcdef0123456789abcdef")
                .setImageUrl("https://example.org/img/ü.png")
                .setCaption("A cat on a mat — 猫")
                .setPageUrl("https://example.org/")
                .setCrawlId("CC-MAIN-2024-51")
                .setSegmentId("1733066035855.10")
                .setWarcFile("https://data.commoncrawl.org/a.warc.gz")
                .setWarcOffset(123_456_789_012L)
                .setWarcRecordId("<urn:uuid:ececb7b0-ed4d-4d27-9ae8-2676df51cf7d>")
                .setFetchTime(T)
                .setWidth(640)
                .setHeight(480)
                .setLinkStatus("OK")
                .setLinkHttpStatus(200)
                .setLinkFinalUrl("https://cdn.example.org/img/%C3%BC.png")
                .setLinkContentType("image/png")
                .setLinkContentLength(48_213L)
                .setLinkImageFormat("png")
                .setLinkImageWidth(1280)
                .setLinkImageHeight(960)
                .setLinkCheckedAt(T)
                .setLanguage("de")
                .setLanguageConfidence(0.42)
                .setCaptionSafetyScore(0.0)
                .setCaptionSafetyCategories("")
                .setImageSafetyScore(null)
                .build();
    }

    static ImageTextPair minimalPair() {
        return ImageTextPair.newBuilder(pair())
                .setFetchTime(null)
                .setWidth(null)
                .setHeight(null)
                .setLinkStatus(null)
                .setLinkHttpStatus(null)
                .setLinkFinalUrl(null)
                .setLinkContentType(null)
                .setLinkContentLength(null)
                .setLinkImageFormat(null)
                .setLinkImageWidth(null)
                .setLinkImageHeight(null)
                .setLinkCheckedAt(null)
                .setLanguage(null)
                .setLanguageConfidence(null)
                .setCaptionSafetyScore(null)
                .setCaptionSafetyCategories(null)
                .build();
    }

    static DatasetVersion version() {
        return DatasetVersion.newBuilder()
                .setVersion(7)
                .setTable("ccpairs.pairs")
                .setTableLocation("file:///warehouse/ccpairs/pairs")
                .setSnapshotId(-4_611_686_018_427_387_904L)
                .setCommittedAt(T)
                .setSegmentsComplete(List.of(new SegmentRef("CC-MAIN-2024-51", "1733066035855.10")))
                .setSegmentsPartial(List.of(new SegmentRef("CC-MAIN-2024-51", "1733066035855.11")))
                .setPairsAdded(1000)
                .setPairsRemoved(3)
                .setPairsTotal(5000)
                .build();
    }

    static DatasetVersion minimalVersion() {
        return DatasetVersion.newBuilder()
                .setVersion(1)
                .setTable("t")
                .setTableLocation("l")
                .setSnapshotId(0)
                .setCommittedAt(Instant.EPOCH)
                .setSegmentsComplete(List.of())
                .setPairsAdded(0)
                .setPairsTotal(0)
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setStage("announcement-decode")
                .setReason("MALFORMED_AVRO")
                .setMessage("cannot decode with schema id 3")
                .setExceptionClass("java.io.EOFException")
                .setOccurredAt(T)
                .setKafka(new KafkaCoordinates("ccpairs.segments", 2, 41L))
                .setCrawlId("CC-MAIN-2024-51")
                .setSegmentId("1733066035855.10")
                .setWarcFile("https://data.commoncrawl.org/a.warc.gz")
                .setWarcOffset(940L)
                .setWarcRecordId("<urn:uuid:c4c112a5-3503-4483-abf8-51a0dd86dd53>")
                .setPayload(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 3, (byte) 0xff}))
                .build();
    }

    static DeadLetter minimalDeadLetter() {
        return DeadLetter.newBuilder()
                .setStage("warc-read")
                .setReason("FILE_NOT_FOUND")
                .setMessage("")
                .setOccurredAt(Instant.EPOCH)
                .build();
    }

    static Rejection rejection() {
        return Rejection.newBuilder()
                .setStage("linkcheck")
                .setReason("ROBOTS_DISALLOWED")
                .setDetail("robots.txt disallows /img/ for GPTBot")
                .setPairId("0123456789abcdef0123456789abcdef")
                .setImageUrl("https://example.org/img/ü.png")
                .setCaption("A cat on a mat — 猫")
                .setPageUrl("https://example.org/")
                .setProvenance(
                        new PairProvenance(
                                "CC-MAIN-2024-51",
                                "1733066035855.10",
                                "https://data.commoncrawl.org/a.warc.gz",
                                123_456_789_012L,
                                "<urn:uuid:ececb7b0-ed4d-4d27-9ae8-2676df51cf7d>"))
                .setOccurredAt(T)
                .build();
    }

    static Rejection minimalRejection() {
        return Rejection.newBuilder(rejection()).setDetail(null).setCaption(null).build();
    }

    static TakedownRequest takedown() {
        return TakedownRequest.newBuilder()
                .setPairId("0123456789abcdef0123456789abcdef")
                .setReason("COPYRIGHT")
                .setRequestedBy("rights@example.org")
                .setDetail("ticket 4711: the photographer asked for removal")
                .setRequestedAt(T)
                .build();
    }

    static TakedownRequest minimalTakedown() {
        return TakedownRequest.newBuilder()
                .setPairId("0123456789abcdef0123456789abcdef")
                .setRequestedBy("ops")
                .setRequestedAt(T)
                .build();
    }

    static Retraction retraction() {
        return Retraction.newBuilder()
                .setPairId("0123456789abcdef0123456789abcdef")
                .setReason("SAFETY_LIST")
                .setSource("list csam-urls v42")
                .setDetail("matched by the SHA-256 of the normalized image URL")
                .setRequestedAt(T)
                .setVersion(17)
                .setSnapshotId(8_412_339_120_223_451_234L)
                .build();
    }

    static Retraction minimalRetraction() {
        return Retraction.newBuilder(retraction()).setDetail("").build();
    }

    static BlocklistUpdate blocklistUpdate() {
        return BlocklistUpdate.newBuilder()
                .setListId("partner-url-hashes")
                .setVersion(42)
                .setAdded(
                        List.of(
                                new BlocklistEntry(
                                        BlocklistEntryKind.URL_SHA256,
                                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                                new BlocklistEntry(BlocklistEntryKind.DOMAIN, "bad.example")))
                .setRemoved(
                        List.of(
                                new BlocklistEntry(
                                        BlocklistEntryKind.URL, "https://a.example/x.jpg")))
                .setPublishedBy("trust-and-safety")
                .setPublishedAt(T)
                .build();
    }

    static BlocklistUpdate minimalBlocklistUpdate() {
        return BlocklistUpdate.newBuilder().setListId("l").setVersion(1).setPublishedAt(T).build();
    }

    /** Every sample, named for parameterized tests. */
    static List<Named<SpecificRecord>> all() {
        return List.of(
                Named.of("SegmentAnnouncement", announcement()),
                Named.of("SegmentAnnouncement, optional fields null", minimalAnnouncement()),
                Named.of("ImageTextPair", pair()),
                Named.of("ImageTextPair, optional fields null", minimalPair()),
                Named.of("DatasetVersion", version()),
                Named.of("DatasetVersion, defaults", minimalVersion()),
                Named.of("DeadLetter", deadLetter()),
                Named.of("DeadLetter, optional fields null", minimalDeadLetter()),
                Named.of("Rejection", rejection()),
                Named.of("Rejection, optional fields null", minimalRejection()),
                Named.of("TakedownRequest", takedown()),
                Named.of("TakedownRequest, defaults", minimalTakedown()),
                Named.of("Retraction", retraction()),
                Named.of("Retraction, empty detail", minimalRetraction()),
                Named.of("BlocklistUpdate", blocklistUpdate()),
                Named.of("BlocklistUpdate, defaults", minimalBlocklistUpdate()));
    }
}
