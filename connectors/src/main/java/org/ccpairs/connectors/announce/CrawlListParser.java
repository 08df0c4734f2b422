package org.ccpairs.connectors.announce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the crawl list, Common Crawl's {@code collinfo.json}: a JSON array of objects such as
 * {@code {"id": "CC-MAIN-2024-51", "name": "December 2024 Index", "timegate": ..., "cdx-api":
 * ...}}, newest first. Fields other than {@code id} and {@code name} are ignored; entries without a
 * string {@code id} are skipped and counted. Thread-safe.
 */
public final class CrawlListParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The crawls of a list, in list order, and how many entries had no usable id. */
    public record CrawlList(List<CrawlInfo> crawls, int entriesWithoutId) {}

    private CrawlListParser() {}

    /**
     * @throws MalformedListException when the bytes are not a JSON array
     */
    public static CrawlList parse(byte[] json) throws MalformedListException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedListException(
                    AnnouncerDeadLetters.MALFORMED_CRAWL_LIST,
                    "not JSON: " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new MalformedListException(
                    AnnouncerDeadLetters.MALFORMED_CRAWL_LIST, e.toString(), e);
        }
        if (root == null || !root.isArray()) {
            throw new MalformedListException(
                    AnnouncerDeadLetters.MALFORMED_CRAWL_LIST,
                    "expected a JSON array of crawls, got "
                            + (root == null ? "nothing" : root.getNodeType()),
                    null);
        }
        List<CrawlInfo> crawls = new ArrayList<>();
        int withoutId = 0;
        for (JsonNode entry : root) {
            JsonNode id = entry.get("id");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                withoutId++;
                continue;
            }
            JsonNode name = entry.get("name");
            crawls.add(
                    new CrawlInfo(
                            id.asText().strip(),
                            name != null && name.isTextual() ? name.asText() : ""));
        }
        return new CrawlList(List.copyOf(crawls), withoutId);
    }
}
