package org.ccpairs.jobs.linkcheck;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A site's {@code /.well-known/tdmrep.json} (W3C TDMRep): an array of rules, each with a {@code
 * location} path pattern ({@code *} wildcard, {@code $} end anchor), a {@code tdm-reservation} (1 =
 * text-and-data-mining rights reserved) and an optional {@code tdm-policy} URL. The first rule
 * whose location matches a path applies.
 */
final class TdmRepRules {
    record Rule(String location, Pattern pattern, boolean reserved, String policy) {}

    private final List<Rule> rules;

    private TdmRepRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static TdmRepRules none() {
        return new TdmRepRules(List.of());
    }

    /**
     * The rules of a tdmrep.json body that answered 2xx, never throwing. A body that does not even
     * start as a JSON array (an HTML page a site serves for every path) is no file: no rules. A
     * body that starts as one but cannot be read to its end (cut off, malformed, a bug of ours)
     * fails closed, as every opt-out check does: TDM rights count as reserved for every path.
     */
    static TdmRepRules read(byte[] body) {
        if (!startsAsArray(body)) {
            return none();
        }
        try {
            return parse(body);
        } catch (IOException | RuntimeException e) {
            return new TdmRepRules(
                    List.of(
                            new Rule(
                                    "* (tdmrep.json unreadable: " + e.getMessage() + ")",
                                    Pattern.compile(""),
                                    true,
                                    null)));
        }
    }

    private static boolean startsAsArray(byte[] body) {
        try (JsonParser p = new JsonFactory().createParser(body)) {
            return p.nextToken() == JsonToken.START_ARRAY;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * @throws IOException when the body is not a JSON array of objects
     */
    static TdmRepRules parse(byte[] body) throws IOException {
        List<Rule> rules = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("tdmrep.json is not a JSON array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String location = null;
                boolean reserved = false;
                String policy = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "location" ->
                                location = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        case "tdm-reservation" -> reserved = "1".equals(p.getText().strip());
                        case "tdm-policy" ->
                                policy = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        default -> p.skipChildren();
                    }
                }
                if (location != null) {
                    rules.add(new Rule(location, pattern(location), reserved, policy));
                }
            }
        }
        return new TdmRepRules(rules);
    }

    /** The rule that applies to {@code path}, or null when none does. */
    Rule ruleFor(String path) {
        for (Rule r : rules) {
            if (r.pattern().matcher(path).lookingAt()) {
                return r;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    private static Pattern pattern(String location) {
        String loc =
                location.startsWith("/") || location.startsWith("*") ? location : "/" + location;
        boolean anchored = loc.endsWith("$");
        if (anchored) {
            loc = loc.substring(0, loc.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = loc.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        if (anchored) {
            regex.append('$');
        }
        return Pattern.compile(regex.toString());
    }
}
