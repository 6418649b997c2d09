package io.llmopt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.llmopt.sim.SimClient.chat;
import static io.llmopt.sim.SimClient.json;
import static io.llmopt.sim.SimClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimFaultTest {

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start();

    @Test
    void rateLimitedSends429WithRetryAfterSeconds() {
        sim.inject(FaultRule.first(1, Fault.RATE_LIMITED)).retryAfterSeconds(7);

        HttpResponse<String> limited = post(sim, chat("go", null));
        HttpResponse<String> next = post(sim, chat("go", null));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("7");
        assertThat(json(limited).at("/error/message").asText()).isNotBlank();
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(sim.faultCount(Fault.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void statusFaultsAnswerWithTheirStatusAndAnErrorBody() {
        for (Fault fault : List.of(Fault.SERVER_ERROR, Fault.SERVICE_UNAVAILABLE, Fault.BAD_REQUEST,
                Fault.UNAUTHORIZED, Fault.MODEL_NOT_FOUND)) {
            sim.clearFaults().inject(FaultRule.always(fault));

            HttpResponse<String> response = post(sim, chat("go", null));

            assertThat(response.statusCode()).as(fault.name()).isEqualTo(fault.status());
            assertThat(json(response).at("/error/message").asText()).as(fault.name()).isNotBlank();
            assertThat(sim.faultCount(fault)).as(fault.name()).isEqualTo(1);
        }
    }

    @Test
    void timeoutHoldsTheReplyUntilTheClientGivesUp() {
        sim.inject(FaultRule.first(1, Fault.TIMEOUT));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofMillis(200))
                .POST(HttpRequest.BodyPublishers.ofString(chat("go", null)))
                .build();

        assertThatThrownBy(() -> SimClient.sendChecked(request)).isInstanceOf(HttpTimeoutException.class);
        assertThat(post(sim, chat("go", null)).statusCode()).isEqualTo(200);
    }

    @Test
    void timeoutWithAHoldSendsTheReplyLate() {
        sim.inject(FaultRule.always(Fault.TIMEOUT)).timeoutHold(Duration.ofMillis(250)).reply("late");
        long start = System.nanoTime();

        HttpResponse<String> response = post(sim, chat("go", null));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("late");
    }

    @Test
    void closingReleasesHeldReplies() throws Exception {
        SimulatedLlmServer sim = SimulatedLlmServer.start();
        sim.inject(FaultRule.always(Fault.TIMEOUT));
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sim.close();
        });
        long start = System.nanoTime();

        assertThatThrownBy(() -> SimClient.sendChecked(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(chat("go", null))).build()))
                .isInstanceOf(IOException.class);

        closer.join();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void connectionResetBreaksTheBodyHalfway() {
        sim.inject(FaultRule.first(1, Fault.CONNECTION_RESET));

        assertThatThrownBy(() -> SimClient.sendChecked(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(chat("go", null))).build()))
                .isInstanceOf(IOException.class);
        assertThat(post(sim, chat("go", null)).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedJsonIsNotParsable() {
        sim.inject(FaultRule.always(Fault.MALFORMED_JSON));

        HttpResponse<String> response = post(sim, chat("go", null));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> SimClient.MAPPER.readTree(response.body())).isInstanceOf(IOException.class);
    }

    @Test
    void emptyChoicesKeepsTheShapeWithoutChoices() {
        sim.inject(FaultRule.always(Fault.EMPTY_CHOICES));

        JsonNode body = json(post(sim, chat("go", null)));

        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("choices").isArray()).isTrue();
        assertThat(body.path("choices")).isEmpty();
    }

    @Test
    void truncatedKeepsHalfTheTokensWithFinishReasonLength() {
        sim.inject(FaultRule.always(Fault.TRUNCATED)).reply("one two three four");

        JsonNode body = json(post(sim, chat("go", null)));

        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("one two");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void everyNthHitsMultiplesOfTheRequestNumber() {
        sim.inject(FaultRule.everyNth(3, Fault.SERVER_ERROR));

        assertThat(statuses(sim, 7)).containsExactly(200, 200, 500, 200, 200, 500, 200);
        assertThat(sim.faultCounts()).containsEntry(Fault.SERVER_ERROR, 2L).hasSize(1);
    }

    @Test
    void seededRateIsReproducible() {
        sim.inject(FaultRule.atRate(0.5, 42, Fault.SERVICE_UNAVAILABLE));
        List<Integer> first = statuses(sim, 40);
        sim.clearFaults().inject(FaultRule.atRate(0.5, 42, Fault.SERVICE_UNAVAILABLE));
        List<Integer> second = statuses(sim, 40);

        assertThat(first).isEqualTo(second).contains(200, 503);
        assertThat(first.stream().filter(s -> s == 503).count()).isBetween(8L, 32L);
    }

    @Test
    void predicateRulesAndOrderMix() {
        sim.inject(FaultRule.when(r -> r.lastUserMessage().contains("forbidden"), Fault.BAD_REQUEST))
                .inject(FaultRule.first(1, Fault.RATE_LIMITED));

        assertThat(post(sim, chat("forbidden topic", null)).statusCode()).isEqualTo(400);
        assertThat(post(sim, chat("fine", null)).statusCode()).isEqualTo(200);
        assertThat(sim.faultCounts()).containsOnlyKeys(Fault.BAD_REQUEST);
    }

    private static List<Integer> statuses(SimulatedLlmServer sim, int count) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statuses.add(post(sim, chat("go", null)).statusCode());
        }
        return statuses;
    }
}
