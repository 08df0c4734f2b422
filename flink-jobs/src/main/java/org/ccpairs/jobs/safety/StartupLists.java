package org.ccpairs.jobs.safety;

import java.io.Serializable;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.ccpairs.jobs.JobOptions;

/**
 * The safety lists a task reads when it starts: list files ({@code safety.lists.files}) and lists
 * fetched over HTTP(S) ({@code safety.lists.urls}). Every task that matches lists loads them
 * itself, so a changed file or URL takes effect at the next start.
 *
 * <p>A URL is given as {@code https://host/path/name.txt}, whose list id is its last path segment
 * without extension ({@code name}, like a file's), or as {@code id=https://...} to choose the id.
 * Loading fails closed: a list that cannot be read, fetched (not 200, slower than the timeout,
 * larger than the cap, not UTF-8) or holds a bad line fails the start with the file or URL and the
 * line, so the job never runs without a list it was configured with.
 *
 * @param files paths of list files
 * @param urls list URLs, each {@code url} or {@code id=url}
 * @param fetchTimeout longest time to fetch one URL, connecting and reading the body included
 * @param maxBytes largest body accepted from a URL
 * @param userAgent sent with each fetch
 */
public record StartupLists(
        List<String> files,
        List<String> urls,
        Duration fetchTimeout,
        long maxBytes,
        String userAgent)
        implements Serializable {

    public StartupLists {
        files = List.copyOf(files);
        urls = List.copyOf(urls);
    }

    /** No lists at start. */
    public static StartupLists none() {
        return new StartupLists(List.of(), List.of(), Duration.ofSeconds(1), 1, "ccpairs");
    }

    /** Whether there is no list to load. */
    public boolean isEmpty() {
        return files.isEmpty() && urls.isEmpty();
    }

    public static StartupLists from(Configuration conf) {
        return new StartupLists(
                conf.get(SafetyOptions.LISTS_FILES),
                conf.get(SafetyOptions.LISTS_URLS),
                conf.get(SafetyOptions.LISTS_FETCH_TIMEOUT),
                conf.get(SafetyOptions.LISTS_MAX_BYTES).getBytes(),
                conf.get(JobOptions.HTTP_USER_AGENT));
    }

    /**
     * Reads every list, by id.
     *
     * @throws IllegalArgumentException naming the file or URL (and line) that failed, or an id that
     *     two lists share
     */
    public Map<String, SafetyList> load() {
        Map<String, SafetyList> lists = new LinkedHashMap<>();
        for (String f : files) {
            add(lists, SafetyList.load(Path.of(f)), f);
        }
        for (String spec : urls) {
            add(lists, fetch(spec), spec);
        }
        return lists;
    }

    private static void add(Map<String, SafetyList> lists, SafetyList list, String from) {
        if (lists.putIfAbsent(list.id(), list) != null) {
            throw new IllegalArgumentException(
                    "two safety lists have id '"
                            + list.id()
                            + "' (the second from "
                            + from
                            + "): ids name lists in updates and retractions, so they must differ;"
                            + " give a URL its own with 'id=url'");
        }
    }

    private SafetyList fetch(String spec) {
        String id = null;
        String url = spec.strip();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            int eq = url.indexOf('=');
            if (eq > 0) {
                id = url.substring(0, eq).strip();
                url = url.substring(eq + 1).strip();
            }
        }
        URI uri = HttpUrls.parse(SafetyOptions.LISTS_URLS.key(), url, spec, " ('url' or 'id=url')");
        if (id == null) {
            String path = uri.getPath() == null ? "" : uri.getPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (last.isEmpty() || last.startsWith(".")) {
                throw new IllegalArgumentException(
                        "'safety.lists.urls': "
                                + url
                                + " has no file name to take a list id from: write 'id="
                                + url
                                + "'");
            }
            id = SafetyList.idOf(last);
        }
        byte[] body;
        try {
            body = ListFetch.get(uri, fetchTimeout, maxBytes, userAgent);
        } catch (ListFetch.FetchException e) {
            throw new IllegalArgumentException(
                    "'safety.lists.urls': cannot fetch " + url + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(body))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    "'safety.lists.urls': " + url + " is not UTF-8 text: " + e, e);
        }
        return SafetyList.parse(id, url, text.lines().toList());
    }
}
