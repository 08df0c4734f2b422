package org.ccpairs.jobs.safety;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
     * A list file: UTF-8, one entry per line, {@code KIND value} (kind URL, URL_MD5, URL_SHA256 or
     * DOMAIN, then whitespace), {@code #} starting a comment line. Its id is the file name without
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
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return new SafetyList(dot > 0 ? name.substring(0, dot) : name, 0, entries);
    }
}
