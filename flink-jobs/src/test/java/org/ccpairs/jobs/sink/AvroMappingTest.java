package org.ccpairs.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.PairProvenance;
import org.ccpairs.avro.Rejection;
import org.ccpairs.avro.SegmentRef;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.KafkaCoordinates;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.LinkStatus;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;
import org.ccpairs.jobs.model.Screening;
import org.ccpairs.jobs.model.Segment;
import org.junit.jupiter.api.Test;

class AvroMappingTest {
    private static final Instant FETCHED = Instant.parse("2026-01-02T03:04:05.678Z");

    @Test
    void everyPairFieldLandsInTheAvroRecord() {
        Pair pair =
                new Pair(
                        "0123456789abcdef0123456789abcdef",
                        0x0123456789abcdefL,
                        "https://img.example.org/cat.png",
                        "A cat",
                        "https://example.org/cats.html",
                        "CC-MAIN-2024-51",
                        "1733066035855.10",
                        3,
                        "https://data.commoncrawl.org/a.warc.gz",
                        123_456_789_012L,
                        "<urn:uuid:11111111-2222-3333-4444-555555555555>",
                        FETCHED.toEpochMilli(),
                        640,
                        480,
                        true,
                        "Title",
                        "A figure",
                        7,
                        "srcset",
                        1280,
                        false,
                        "de-CH",
                        "noindex, noai",
                        true,
                        "https://example.org/tdm.json",
                        "https://creativecommons.org/licenses/by/4.0/",
                        "cc-by-4.0",
                        "WARC",
                        "<urn:uuid:11111111-2222-3333-4444-555555555555>",
                        null,
                        null);

        ImageTextPair avro = AvroMapping.toAvro(pair);

        assertThat(avro)
                .isEqualTo(
                        new ImageTextPair(
                                "0123456789abcdef0123456789abcdef",
                                "https://img.example.org/cat.png",
                                "A cat",
                                "https://example.org/cats.html",
                                "CC-MAIN-2024-51",
                                "1733066035855.10",
                                "https://data.commoncrawl.org/a.warc.gz",
                                123_456_789_012L,
                                "<urn:uuid:11111111-2222-3333-4444-555555555555>",
                                FETCHED,
                                640,
                                480,
                                true,
                                "Title",
                                "A figure",
                                7,
                                "srcset",
                                1280,
                                false,
                                "de-CH",
                                "noindex, noai",
                                true,
                                "https://example.org/tdm.json",
                                "https://creativecommons.org/licenses/by/4.0/",
                                "cc-by-4.0",
                                "WARC",
                                "<urn:uuid:11111111-2222-3333-4444-555555555555>",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                // not screened: language and safety fields are null
                                null,
                                null,
                                null,
                                null,
                                null,
                                // not link-checked: no image digests
                                null,
                                null));
    }

    @Test
    void aScreenedPairCarriesLanguageAndSafetyScores() {
        Pair pair =
                new Pair("id", 1, "u", "c", "p", "crawl", "seg", 1, "f", 0, "r", null, null, null)
                        .withScreening(new Screening("de", 0.42, 0.6, "nudity", null));

        ImageTextPair avro = AvroMapping.toAvro(pair);

        assertThat(avro.getLanguage()).isEqualTo("de");
        assertThat(avro.getLanguageConfidence()).isEqualTo(0.42);
        assertThat(avro.getCaptionSafetyScore()).isEqualTo(0.6);
        assertThat(avro.getCaptionSafetyCategories()).isEqualTo("nudity");
        assertThat(avro.getImageSafetyScore()).isNull();
    }

    @Test
    void aLinkCheckedPairCarriesTheCheckInItsLinkFields() {
        Pair pair =
                new Pair("id", 1, "u", "c", "p", "crawl", "seg", 1, "f", 0, "r", null, null, null)
                        .withLinkCheck(
                                new LinkCheck(
                                                LinkStatus.OK,
                                                206,
                                                "https://cdn.example.org/a.png",
                                                "image/png",
                                                48_213L,
                                                "png",
                                                1280,
                                                960,
                                                FETCHED.toEpochMilli(),
                                                "ignored: details go to rejections only")
                                        .withDigests("ab".repeat(32), "cd".repeat(16)));

        ImageTextPair avro = AvroMapping.toAvro(pair);

        assertThat(avro.getLinkStatus()).isEqualTo("OK");
        assertThat(avro.getLinkHttpStatus()).isEqualTo(206);
        assertThat(avro.getLinkFinalUrl()).isEqualTo("https://cdn.example.org/a.png");
        assertThat(avro.getLinkContentType()).isEqualTo("image/png");
        assertThat(avro.getLinkContentLength()).isEqualTo(48_213L);
        assertThat(avro.getLinkImageFormat()).isEqualTo("png");
        assertThat(avro.getLinkImageWidth()).isEqualTo(1280);
        assertThat(avro.getLinkImageHeight()).isEqualTo(960);
        assertThat(avro.getLinkCheckedAt()).isEqualTo(FETCHED);
        assertThat(avro.getLinkImageSha256()).isEqualTo("ab".repeat(32));
        assertThat(avro.getLinkImageMd5()).isEqualTo("cd".repeat(16));
    }

    @Test
    void aRejectionKeepsStageReasonAndProvenance() {
        Pair pair =
                new Pair(
                        "0123456789abcdef0123456789abcdef",
                        1,
                        "https://img.example.org/gone.png",
                        "A cat",
                        "https://example.org/cats.html",
                        "CC-MAIN-2024-51",
                        "1733066035855.10",
                        3,
                        "https://data.commoncrawl.org/a.warc.gz",
                        987L,
                        "<urn:uuid:x>",
                        null,
                        null,
                        null);

        Rejection avro =
                AvroMapping.toAvro(
                        RejectionRecord.of(
                                "linkcheck", "GONE", "HTTP 410", pair, FETCHED.toEpochMilli()));

        assertThat(avro.getStage()).isEqualTo("linkcheck");
        assertThat(avro.getReason()).isEqualTo("GONE");
        assertThat(avro.getDetail()).isEqualTo("HTTP 410");
        assertThat(avro.getPairId()).isEqualTo(pair.pairId());
        assertThat(avro.getImageUrl()).isEqualTo(pair.imageUrl());
        assertThat(avro.getCaption()).isEqualTo("A cat");
        assertThat(avro.getPageUrl()).isEqualTo(pair.pageUrl());
        assertThat(avro.getProvenance())
                .isEqualTo(
                        new PairProvenance(
                                "CC-MAIN-2024-51",
                                "1733066035855.10",
                                "https://data.commoncrawl.org/a.warc.gz",
                                987L,
                                "<urn:uuid:x>"));
        assertThat(avro.getOccurredAt()).isEqualTo(FETCHED);
    }

    @Test
    void nullPairFieldsStayNull() {
        Pair pair =
                new Pair("id", 1, "u", "c", "p", "crawl", "seg", 1, "f", 0, "r", null, null, null);

        ImageTextPair avro = AvroMapping.toAvro(pair);

        assertThat(avro.getFetchTime()).isNull();
        assertThat(avro.getWidth()).isNull();
        assertThat(avro.getHeight()).isNull();
        assertThat(avro.getCaptionTruncated()).isNull();
        assertThat(avro.getRobots()).isNull();
        assertThat(avro.getLicenseId()).isNull();
        assertThat(avro.getSourceFormat()).isNull();
        assertThat(avro.getLinkStatus()).isNull();
        assertThat(avro.getLinkCheckedAt()).isNull();
    }

    @Test
    void aMessageDeadLetterKeepsCoordinatesAndPayload() {
        byte[] payload = {0, 1, 2, (byte) 0xff};
        DeadLetterRecord dead =
                new DeadLetterRecord(
                        "announcement-decode",
                        "NOT_CONFLUENT_AVRO",
                        "bad bytes [ccpairs.segments-2@42]",
                        "org.ccpairs.connectors.registry.DecodeException",
                        FETCHED.toEpochMilli(),
                        new KafkaCoordinates("ccpairs.segments", 2, 42),
                        null,
                        null,
                        null,
                        null,
                        null,
                        payload);

        DeadLetter avro = AvroMapping.toAvro(dead);

        assertThat(avro.getStage()).isEqualTo("announcement-decode");
        assertThat(avro.getReason()).isEqualTo("NOT_CONFLUENT_AVRO");
        assertThat(avro.getMessage()).isEqualTo("bad bytes [ccpairs.segments-2@42]");
        assertThat(avro.getExceptionClass())
                .isEqualTo("org.ccpairs.connectors.registry.DecodeException");
        assertThat(avro.getOccurredAt()).isEqualTo(FETCHED);
        assertThat(avro.getKafka())
                .isEqualTo(new org.ccpairs.avro.KafkaCoordinates("ccpairs.segments", 2, 42L));
        assertThat(avro.getCrawlId()).isNull();
        assertThat(avro.getSegmentId()).isNull();
        assertThat(avro.getWarcFile()).isNull();
        assertThat(avro.getWarcOffset()).isNull();
        assertThat(avro.getWarcRecordId()).isNull();
        assertThat(avro.getPayload()).isEqualTo(ByteBuffer.wrap(payload));
    }

    @Test
    void aFileDeadLetterKeepsItsWarcProvenanceAndNullKafkaAndPayload() {
        DeadLetterRecord dead =
                new DeadLetterRecord(
                        "warc-read",
                        "BAD_RECORD",
                        "cannot parse",
                        null,
                        FETCHED.toEpochMilli(),
                        null,
                        "CC-MAIN-2024-51",
                        "1733066035855.10",
                        "file:///data/a.warc.gz",
                        1024L,
                        "<urn:uuid:x>",
                        null);

        DeadLetter avro = AvroMapping.toAvro(dead);

        assertThat(avro.getExceptionClass()).isNull();
        assertThat(avro.getKafka()).isNull();
        assertThat(avro.getPayload()).isNull();
        assertThat(avro.getCrawlId()).isEqualTo("CC-MAIN-2024-51");
        assertThat(avro.getSegmentId()).isEqualTo("1733066035855.10");
        assertThat(avro.getWarcFile()).isEqualTo("file:///data/a.warc.gz");
        assertThat(avro.getWarcOffset()).isEqualTo(1024L);
        assertThat(avro.getWarcRecordId()).isEqualTo("<urn:uuid:x>");
    }

    @Test
    void aVersionRecordBecomesADatasetVersionWithSegmentRefsInOrder() {
        DatasetVersionRecord version =
                new DatasetVersionRecord(
                        7,
                        "ccpairs.pairs",
                        "file:///warehouse/ccpairs/pairs",
                        4_242_424_242L,
                        FETCHED.toEpochMilli(),
                        List.of(
                                new Segment(3, "CC-MAIN-2024-51", "s3", "WARC", 2),
                                new Segment(4, "CC-MAIN-2025-05", "s4", "WARC", 9)),
                        100,
                        1_000);

        DatasetVersion avro = AvroMapping.toAvro(version);

        assertThat(avro.getVersion()).isEqualTo(7);
        assertThat(avro.getTable()).isEqualTo("ccpairs.pairs");
        assertThat(avro.getTableLocation()).isEqualTo("file:///warehouse/ccpairs/pairs");
        assertThat(avro.getSnapshotId()).isEqualTo(4_242_424_242L);
        assertThat(avro.getCommittedAt()).isEqualTo(FETCHED);
        assertThat(avro.getSegmentsComplete())
                .containsExactly(
                        new SegmentRef("CC-MAIN-2024-51", "s3"),
                        new SegmentRef("CC-MAIN-2025-05", "s4"));
        assertThat(avro.getPairsAdded()).isEqualTo(100);
        assertThat(avro.getPairsTotal()).isEqualTo(1_000);
        // fields the job does not produce yet take their schema defaults
        assertThat(avro.getSegmentsPartial()).isEmpty();
        assertThat(avro.getPairsRemoved()).isZero();
    }
}
