package io.llmopt.core.http;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads how long a server asks clients to wait: {@code retry-after-ms} (sent by OpenAI), else
 * {@code Retry-After} as delta seconds or an HTTP-date (RFC 9110 10.2.3).
 */
final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the headers ask for, or null when they ask none or cannot be read. */
    static Duration parse(HttpHeaders headers, Clock clock) {
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            Duration d = parseSeconds(millis.get(), 1_000);
            if (d != null) {
                return d;
            }
        }
        return headers.firstValue("retry-after").map(v -> parse(v, clock)).orElse(null);
    }

    static Duration parse(String value, Clock clock) {
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        if (Character.isDigit(v.charAt(0)) || v.charAt(0) == '.') {
            return parseSeconds(v, 1);
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), when.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A non-negative decimal number of units, where {@code perSecond} units make a second. */
    private static Duration parseSeconds(String value, int perSecond) {
        try {
            double units = Double.parseDouble(value.trim());
            if (!(units >= 0) || Double.isInfinite(units)) {
                return null;
            }
            return Duration.ofNanos(Math.round(units / perSecond * 1e9));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
