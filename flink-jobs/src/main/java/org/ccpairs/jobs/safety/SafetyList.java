package org.ccpairs.jobs.safety;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ccpairs.jobs.dedup.PairIdentity;

/**
 * One safety list at one version: its canonical encoded entries ({@link SafetyEntry}). Immutable.
 *
 * <p>In broadcast state a list is a {@code String[]}: its version, then its entries.
 */
public record SafetyList(String id, long version, Set<String> entries) {
    public SafetyList {
        entries = Set.copyOf(entries);
    }

    public static SafetyList empty(String id) {
        return new SafetyList(id, Long.MIN_VALUE, Set.of());
    }

    /** This list with {@code update} applied (removals first, then additions). */
    public SafetyList apply(SafetyListUpdate update) {
        Set<String> next = new LinkedHashSet<>(entries);
        next.removeAll(Arrays.asList(update.removed()));
        next.addAll(Arrays.asList(update.added()));
        return new SafetyList(id, update.version(), next);
    }

    public String[] toState() {
        String[] state = new String[entries.size() + 1];
        state[0] = Long.toString(version);
        int i = 1;
        for (String e : entries) {
            state[i++] = e;
        }
        return state;
    }

    public static SafetyList fromState(String id, String[] state) {
        return new SafetyList(
                id, Long.parseLong(state[0]), Set.of(Arrays.copyOfRange(state, 1, state.length)));
    }

    /**
     * A list file: UTF-8, in the format of {@link #parse}. Its id is the file name without
     * extension, its version 0; updates on the topic with the same id and a higher version change
     * it.
     *
     * @throws IllegalArgumentException naming the file and line of the first bad entry
     */
    public static SafetyList load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "'safety.lists.files': cannot read " + file + ": " + e, e);
        }
        return parse(idOf(file.getFileName().toString()), file.toString(), lines);
    }

    /**
     * A list at version 0 from its lines: one entry per line, {@code KIND value} (kind URL,
     * URL_MD5, URL_SHA256, DOMAIN, IMAGE_MD5 or IMAGE_SHA256, then whitespace), {@code #} starting
     * a comment line, blank lines ignored.
     *
     * @param source where the lines come from (a file or URL), for messages
     * @throws IllegalArgumentException naming the source and line of the first bad entry
     */
    public static SafetyList parse(String id, String source, List<String> lines) {
        PairIdentity identity = new PairIdentity();
        Set<String> entries = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected 'KIND value'");
                }
                entries.add(SafetyEntry.canonical(parts[0], parts[1], identity));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        source + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new SafetyList(id, 0, entries);
    }

    /** The id of a list named {@code name} (a file name, a URL's last path segment). */
    static String idOf(String name) {
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * SHA-256 over the sorted entries, as hex: equal for two lists exactly when they hold the same
     * entries, whatever their order, comments or spelling in the source. {@link RetroactiveMatcher}
     * remembers it to apply a start-up list to published pairs only once.
     */
    public String contentDigest() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (String e : new TreeSet<>(entries)) {
            sha256.update(e.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Whether any entry is an image-content digest, which needs the image's bytes to match. */
    public boolean hasImageEntries() {
        return entries.stream().anyMatch(SafetyEntry::isImageContent);
    }
}
