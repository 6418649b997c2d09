package io.llmopt.core.http;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC);

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.parse("7", CLOCK)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse(" 0.5 ", CLOCK)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void readsHttpDatesAgainstTheClock() {
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 12:00:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 11:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse("soon", CLOCK)).isNull();
        assertThat(RetryAfter.parse("-3", CLOCK)).isNull();
        assertThat(RetryAfter.parse("", CLOCK)).isNull();
        assertThat(RetryAfter.parse(headers(Map.of()), CLOCK)).isNull();
    }

    @Test
    void prefersMillisecondsHeader() {
        HttpHeaders both = headers(Map.of("retry-after-ms", List.of("1500"), "retry-after", List.of("2")));
        assertThat(RetryAfter.parse(both, CLOCK)).isEqualTo(Duration.ofMillis(1500));
        HttpHeaders badMillis = headers(Map.of("retry-after-ms", List.of("x"), "retry-after", List.of("2")));
        assertThat(RetryAfter.parse(badMillis, CLOCK)).isEqualTo(Duration.ofSeconds(2));
    }
}
