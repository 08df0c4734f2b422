package org.ccpairs.jobs.version;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.types.Types;
import org.ccpairs.jobs.model.LinkCheck;
import org.ccpairs.jobs.model.Pair;
import org.ccpairs.jobs.model.Screening;

/**
 * The dataset table: one row per published pair, columns named like the {@code ImageTextPair}
 * schema, partitioned by crawl. Versions are snapshots tagged {@code v<N>} (see {@link
 * VersionCommitter}).
 */
public final class DatasetTable {
    public static final Schema SCHEMA =
            new Schema(
                    required(1, "pair_id", Types.StringType.get()),
                    required(2, "image_url", Types.StringType.get()),
                    required(3, "caption", Types.StringType.get()),
                    required(4, "page_url", Types.StringType.get()),
                    required(5, "crawl_id", Types.StringType.get()),
                    required(6, "segment_id", Types.StringType.get()),
                    required(7, "warc_file", Types.StringType.get()),
                    required(8, "warc_offset", Types.LongType.get()),
                    required(9, "warc_record_id", Types.StringType.get()),
                    optional(10, "fetch_time", Types.TimestampType.withZone()),
                    optional(11, "width", Types.IntegerType.get()),
                    optional(12, "height", Types.IntegerType.get()),
                    optional(13, "caption_truncated", Types.BooleanType.get()),
                    optional(14, "image_title", Types.StringType.get()),
                    optional(15, "figcaption", Types.StringType.get()),
                    optional(16, "image_position", Types.IntegerType.get()),
                    optional(17, "image_url_source", Types.StringType.get()),
                    optional(18, "srcset_width", Types.IntegerType.get()),
                    optional(19, "page_truncated", Types.BooleanType.get()),
                    optional(20, "page_language", Types.StringType.get()),
                    optional(21, "robots", Types.StringType.get()),
                    optional(22, "tdm_reservation", Types.BooleanType.get()),
                    optional(23, "tdm_policy", Types.StringType.get()),
                    optional(24, "license_url", Types.StringType.get()),
                    optional(25, "license_id", Types.StringType.get()),
                    optional(26, "source_format", Types.StringType.get()),
                    optional(27, "response_record_id", Types.StringType.get()),
                    optional(28, "link_status", Types.StringType.get()),
                    optional(29, "link_http_status", Types.IntegerType.get()),
                    optional(30, "link_final_url", Types.StringType.get()),
                    optional(31, "link_content_type", Types.StringType.get()),
                    optional(32, "link_content_length", Types.LongType.get()),
                    optional(33, "link_image_format", Types.StringType.get()),
                    optional(34, "link_image_width", Types.IntegerType.get()),
                    optional(35, "link_image_height", Types.IntegerType.get()),
                    optional(36, "link_checked_at", Types.TimestampType.withZone()),
                    optional(37, "language", Types.StringType.get()),
                    optional(38, "language_confidence", Types.DoubleType.get()),
                    optional(39, "caption_safety_score", Types.DoubleType.get()),
                    optional(40, "caption_safety_categories", Types.StringType.get()),
                    optional(41, "image_safety_score", Types.DoubleType.get()),
                    optional(42, "link_image_sha256", Types.StringType.get()),
                    optional(43, "link_image_md5", Types.StringType.get()));

    public static final PartitionSpec SPEC =
            PartitionSpec.builderFor(SCHEMA).identity("crawl_id").build();

    /**
     * Parquet bloom filters on {@code pair_id}: a retraction's lookup then skips every row group
     * that cannot hold the pair, instead of reading the column of the whole table.
     */
    static final String PAIR_ID_BLOOM_FILTER =
            TableProperties.PARQUET_BLOOM_FILTER_COLUMN_ENABLED_PREFIX + "pair_id";

    private DatasetTable() {}

    /**
     * Loads the table, creating it (and its namespace) when missing; a table made with an older
     * {@link #SCHEMA} gets the optional columns added since (the rows written carry all of them).
     */
    public static Table ensure(Catalog catalog, TableIdentifier id) {
        if (catalog.tableExists(id)) {
            return evolved(catalog.loadTable(id));
        }
        if (catalog instanceof SupportsNamespaces namespaces && !id.namespace().isEmpty()) {
            Namespace ns = id.namespace();
            if (!namespaces.namespaceExists(ns)) {
                try {
                    namespaces.createNamespace(ns);
                } catch (AlreadyExistsException e) {
                    // created concurrently: fine
                }
            }
        }
        try {
            return catalog.createTable(
                    id,
                    SCHEMA,
                    SPEC,
                    Map.of(
                            TableProperties.FORMAT_VERSION,
                            "2",
                            TableProperties.PARQUET_COMPRESSION,
                            "zstd",
                            PAIR_ID_BLOOM_FILTER,
                            "true"));
        } catch (AlreadyExistsException e) {
            return catalog.loadTable(id);
        }
    }

    private static Table evolved(Table table) {
        boolean missing =
                SCHEMA.columns().stream().anyMatch(c -> table.schema().findField(c.name()) == null);
        if (missing) {
            table.updateSchema().unionByNameWith(SCHEMA).commit();
            table.refresh();
        }
        if (!table.properties().containsKey(PAIR_ID_BLOOM_FILTER)) {
            table.updateProperties().set(PAIR_ID_BLOOM_FILTER, "true").commit();
            table.refresh();
        }
        return table;
    }

    /** The row of {@code pair}, in {@link #SCHEMA}'s column order. */
    public static RowData toRow(Pair pair) {
        LinkCheck link = pair.linkCheck();
        Screening screening = pair.screeningOrNone();
        return GenericRowData.of(
                StringData.fromString(pair.pairId()),
                StringData.fromString(pair.imageUrl()),
                StringData.fromString(pair.caption()),
                StringData.fromString(pair.pageUrl()),
                StringData.fromString(pair.crawlId()),
                StringData.fromString(pair.segmentId()),
                StringData.fromString(pair.warcFile()),
                pair.warcOffset(),
                StringData.fromString(pair.warcRecordId()),
                pair.fetchTimeMillis() == null
                        ? null
                        : TimestampData.fromEpochMillis(pair.fetchTimeMillis()),
                pair.width(),
                pair.height(),
                pair.captionTruncated(),
                string(pair.imageTitle()),
                string(pair.figcaption()),
                pair.imagePosition(),
                string(pair.imageUrlSource()),
                pair.srcsetWidth(),
                pair.pageTruncated(),
                string(pair.pageLanguage()),
                string(pair.robots()),
                pair.tdmReservation(),
                string(pair.tdmPolicy()),
                string(pair.licenseUrl()),
                string(pair.licenseId()),
                string(pair.sourceFormat()),
                string(pair.responseRecordId()),
                link == null ? null : string(link.status().name()),
                link == null ? null : link.httpStatus(),
                link == null ? null : string(link.finalUrl()),
                link == null ? null : string(link.contentType()),
                link == null ? null : link.contentLength(),
                link == null ? null : string(link.imageFormat()),
                link == null ? null : link.width(),
                link == null ? null : link.height(),
                link == null ? null : TimestampData.fromEpochMillis(link.checkedAtMillis()),
                string(screening.language()),
                screening.languageConfidence(),
                screening.captionSafetyScore(),
                string(screening.captionSafetyCategories()),
                screening.imageSafetyScore(),
                link == null ? null : string(link.imageSha256()),
                link == null ? null : string(link.imageMd5()));
    }

    private static StringData string(String s) {
        return s == null ? null : StringData.fromString(s);
    }
}
