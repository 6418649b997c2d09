package io.llmopt.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmopt.core.store.RunStore;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dashboard with a token: nothing without it, and a one-time link that trades it for a cookie. */
class AccessTokenTest {

    @TempDir
    Path dir;

    @Test
    void everyRequestNeedsTheTokenAsHeaderOrCookie() throws Exception {
        String token = AccessTokens.generate();
        try (RunStore store = RunStore.open(dir.resolve("runs.db"));
             DashboardServer server = DashboardServer.start(store, new DashboardOptions("127.0.0.1", 0, token,
                     DashboardOptions.DEFAULT_POLL))) {
            HttpClient plain = HttpClient.newHttpClient();
            for (String path : new String[] {"/", "/api/runs", "/api/session", "/static/run.js", "/api/live"}) {
                assertThat(plain.send(HttpRequest.newBuilder(server.url().resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode()).as(path).isEqualTo(401);
            }
            assertThat(plain.send(HttpRequest.newBuilder(server.url().resolve("/api/runs")).header("Authorization", "Bearer wrong").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(plain.send(HttpRequest.newBuilder(server.url().resolve("/api/runs")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(plain.send(HttpRequest.newBuilder(server.url().resolve("/api/runs")).header("X-Llmopt-Token", token).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            // a token in an API URL is refused: it would end up in logs and histories
            assertThat(plain.send(HttpRequest.newBuilder(server.url().resolve("/api/runs?token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> wrongLink = browser.send(HttpRequest.newBuilder(server.url().resolve("/?token=nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrongLink.statusCode()).isEqualTo(401);
            HttpResponse<String> link = browser.send(HttpRequest.newBuilder(server.url().resolve("/?token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(link.statusCode()).isEqualTo(200);
            assertThat(link.uri().getQuery()).as("the token leaves the address bar").isNull();
            assertThat(link.previousResponse()).hasValueSatisfying(redirect -> assertThat(redirect.headers()
                    .firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("HttpOnly", "SameSite=Strict")));
            assertThat(browser.send(HttpRequest.newBuilder(server.url().resolve("/api/runs")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anAddressOtherMachinesCanReachNeedsAToken() {
        assertThatThrownBy(() -> new DashboardOptions("0.0.0.0", 8080, null, DashboardOptions.DEFAULT_POLL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        assertThat(new DashboardOptions("0.0.0.0", 8080, "t", DashboardOptions.DEFAULT_POLL).tokenRequired()).isTrue();
        assertThat(DashboardOptions.isLoopback("127.0.0.1")).isTrue();
        assertThat(DashboardOptions.isLoopback("::1")).isTrue();
        assertThat(DashboardOptions.isLoopback("localhost")).isTrue();
        assertThat(DashboardOptions.isLoopback("0.0.0.0")).isFalse();
        assertThat(DashboardOptions.isLoopback("192.168.1.5")).isFalse();
        assertThat(DashboardOptions.isLoopback("localhost.evil.example")).isFalse();
    }
}
