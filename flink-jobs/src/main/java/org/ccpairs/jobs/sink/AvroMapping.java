package org.ccpairs.jobs.sink;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.ccpairs.avro.DatasetVersion;
import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.ImageTextPair;
import org.ccpairs.avro.KafkaCoordinates;
import org.ccpairs.avro.PairProvenance;
import org.ccpairs.avro.Rejection;
import org.ccpairs.avro.Retraction;
import org.ccpairs.avro.SegmentRef;
import org.ccpairs.jobs.model.DatasetVersionRecord;
import org.ccpairs.jobs.model.DeadLetterRecord;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.RejectionRecord;
import org.ccpairs.jobs.model.RetractedPair;
import org.ccpairs.jobs.model.Screening;

/** Turns the job's records into the Avro records of the topic contracts in {@code schemas/}. */
public final class AvroMapping {
    private AvroMapping() {}

    public static ImageTextPair toAvro(Pair p) {
        LinkCheck link = p.linkCheck();
        Screening screening = p.screeningOrNone();
        return ImageTextPair.newBuilder()
                .setPairId(p.pairId())
                .setImageUrl(p.imageUrl())
                .setCaption(p.caption())
                .setPageUrl(p.pageUrl())
                .setCrawlId(p.crawlId())
                .setSegmentId(p.segmentId())
                .setWarcFile(p.warcFile())
                .setWarcOffset(p.warcOffset())
                .setWarcRecordId(p.warcRecordId())
                .setFetchTime(
                        p.fetchTimeMillis() == null
                                ? null
                                : Instant.ofEpochMilli(p.fetchTimeMillis()))
                .setWidth(p.width())
                .setHeight(p.height())
                .setCaptionTruncated(p.captionTruncated())
                .setImageTitle(p.imageTitle())
                .setFigcaption(p.figcaption())
                .setImagePosition(p.imagePosition())
                .setImageUrlSource(p.imageUrlSource())
                .setSrcsetWidth(p.srcsetWidth())
                .setPageTruncated(p.pageTruncated())
                .setPageLanguage(p.pageLanguage())
                .setRobots(p.robots())
                .setTdmReservation(p.tdmReservation())
                .setTdmPolicy(p.tdmPolicy())
                .setLicenseUrl(p.licenseUrl())
                .setLicenseId(p.licenseId())
                .setSourceFormat(p.sourceFormat())
                .setResponseRecordId(p.responseRecordId())
                .setLinkStatus(link == null ? null : link.status().name())
                .setLinkHttpStatus(link == null ? null : link.httpStatus())
                .setLinkFinalUrl(link == null ? null : link.finalUrl())
                .setLinkContentType(link == null ? null : link.contentType())
                .setLinkContentLength(link == null ? null : link.contentLength())
                .setLinkImageFormat(link == null ? null : link.imageFormat())
                .setLinkImageWidth(link == null ? null : link.width())
                .setLinkImageHeight(link == null ? null : link.height())
                .setLinkCheckedAt(
                        link == null ? null : Instant.ofEpochMilli(link.checkedAtMillis()))
                .setLanguage(screening.language())
                .setLanguageConfidence(screening.languageConfidence())
                .setCaptionSafetyScore(screening.captionSafetyScore())
                .setCaptionSafetyCategories(screening.captionSafetyCategories())
                .setImageSafetyScore(screening.imageSafetyScore())
                .setLinkImageSha256(link == null ? null : link.imageSha256())
                .setLinkImageMd5(link == null ? null : link.imageMd5())
                .build();
    }

    public static Rejection toAvro(RejectionRecord r) {
        return Rejection.newBuilder()
                .setStage(r.stage())
                .setReason(r.reason())
                .setDetail(r.detail())
                .setPairId(r.pairId())
                .setImageUrl(r.imageUrl())
                .setCaption(r.caption())
                .setPageUrl(r.pageUrl())
                .setProvenance(
                        new PairProvenance(
                                r.crawlId(),
                                r.segmentId(),
                                r.warcFile(),
                                r.warcOffset(),
                                r.warcRecordId()))
                .setOccurredAt(Instant.ofEpochMilli(r.occurredAtMillis()))
                .build();
    }

    public static Retraction toAvro(RetractedPair r) {
        return Retraction.newBuilder()
                .setPairId(r.retraction().pairId())
                .setReason(r.retraction().reason())
                .setSource(r.retraction().source())
                .setDetail(r.retraction().detail() == null ? "" : r.retraction().detail())
                .setRequestedAt(Instant.ofEpochMilli(r.retraction().requestedAtMillis()))
                .setVersion(r.version())
                .setSnapshotId(r.snapshotId())
                .build();
    }

    public static DeadLetter toAvro(DeadLetterRecord d) {
        return DeadLetter.newBuilder()
                .setStage(d.stage())
                .setReason(d.reason())
                .setMessage(d.message())
                .setExceptionClass(d.exceptionClass())
                .setOccurredAt(Instant.ofEpochMilli(d.occurredAtMillis()))
                .setKafka(
                        d.kafka() == null
                                ? null
                                : new KafkaCoordinates(
                                        d.kafka().topic(),
                                        d.kafka().partition(),
                                        d.kafka().offset()))
                .setCrawlId(d.crawlId())
                .setSegmentId(d.segmentId())
                .setWarcFile(d.warcFile())
                .setWarcOffset(d.warcOffset())
                .setWarcRecordId(d.warcRecordId())
                .setPayload(d.payload() == null ? null : ByteBuffer.wrap(d.payload()))
                .build();
    }

    public static DatasetVersion toAvro(DatasetVersionRecord v) {
        return DatasetVersion.newBuilder()
                .setVersion(v.version())
                .setTable(v.table())
                .setTableLocation(v.tableLocation())
                .setSnapshotId(v.snapshotId())
                .setCommittedAt(Instant.ofEpochMilli(v.committedAtMillis()))
                .setSegmentsComplete(
                        v.segmentsComplete().stream()
                                .map(s -> new SegmentRef(s.crawlId(), s.segmentId()))
                                .toList())
                .setSegmentsPartial(
                        v.segmentsPartial().stream()
                                .map(seg -> new SegmentRef(seg.crawlId(), seg.segmentId()))
                                .toList())
                .setPairsAdded(v.pairsAdded())
                .setPairsRemoved(v.pairsRemoved())
                .setPairsRemovedByReason(new java.util.HashMap<>(v.pairsRemovedByReason()))
                .setPairsTotal(v.pairsTotal())
                .build();
    }
}
