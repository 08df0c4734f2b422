package org.ccpairs.jobs.linkcheck;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The Retry-After header of a 429 or 503: delta-seconds or an HTTP-date (RFC 9110 10.2.3). */
final class RetryAfter {
    private RetryAfter() {}

    /** How long to wait, or null when the header is missing or unreadable. Never negative. */
    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            if (v.length() > 9) {
                return Duration.ofSeconds(999_999_999L);
            }
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
