package io.llmopt.local;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Downloads against a local HTTP server that honours Range requests. */
class ModelDownloaderTest {

    @TempDir
    Path cache;

    private final byte[] content = new byte[3_000_000];
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int cutAfter = -1;

    @BeforeEach
    void serve() throws IOException {
        new Random(3).nextBytes(content);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/org/repo/resolve/main/model.gguf", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            if (from >= content.length) {
                exchange.sendResponseHeaders(416, -1);
                exchange.close();
                return;
            }
            int length = content.length - from;
            exchange.sendResponseHeaders(range == null ? 200 : 206, length);
            try (OutputStream out = exchange.getResponseBody()) {
                int send = cutAfter > 0 ? Math.min(cutAfter, length) : length;
                out.write(content, from, send);
                if (send < length) {
                    throw new IOException("simulated broken connection");
                }
            } catch (IOException e) {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ModelDownloader downloader() {
        return new ModelDownloader("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    private static CatalogModel model(String sha256) {
        return new CatalogModel("test-model", "org/repo", "model.gguf", 3_000_000, sha256);
    }

    @Test
    void downloads_reports_progress_and_records_the_checksum_of_an_unpinned_model() throws IOException {
        List<long[]> progress = new ArrayList<>();

        Path file = downloader().fetch(model(null), cache, (name, done, total) -> progress.add(new long[] {done, total}));

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(progress.getLast()).containsExactly(content.length, content.length);
        assertThat(Files.readString(cache.resolve("model.gguf.sha256"))).startsWith(ModelDownloader.sha256(file));
        assertThat(cache.resolve("model.gguf.part")).doesNotExist();
    }

    @Test
    void resumes_a_partial_download_with_a_range_request() throws IOException {
        Files.write(cache.resolve("model.gguf.part"), Arrays.copyOf(content, 1_000_000));

        Path file = downloader().fetch(model(null), cache, ModelDownloadProgress.NONE);

        assertThat(ranges).containsExactly("bytes=1000000-");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void a_stalled_connection_is_abandoned_keeping_the_part_and_the_next_attempt_finishes_it() throws IOException {
        cutAfter = 1_200_000;
        assertThatThrownBy(() -> downloader().fetch(model(null), cache, ModelDownloadProgress.NONE))
                .isInstanceOf(LocalModelException.class)
                .hasMessageContaining("Run again to resume");
        assertThat(Files.size(cache.resolve("model.gguf.part"))).isPositive().isLessThan(content.length);

        cutAfter = -1;
        Path file = downloader().fetch(model(null), cache, ModelDownloadProgress.NONE);

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(1)).startsWith("bytes=");
    }

    @Test
    void a_checksum_mismatch_deletes_the_download_and_says_so() {
        String wrong = "0".repeat(64);

        assertThatThrownBy(() -> downloader().fetch(model(wrong), cache, ModelDownloadProgress.NONE))
                .isInstanceOf(LocalModelException.class)
                .hasMessageContaining("corrupt")
                .hasMessageContaining(wrong);
        assertThat(cache.resolve("model.gguf")).doesNotExist();
        assertThat(cache.resolve("model.gguf.part")).doesNotExist();
    }

    @Test
    void a_recorded_checksum_is_enforced_on_the_next_download() throws IOException {
        Files.writeString(cache.resolve("model.gguf.sha256"), "f".repeat(64) + "  model.gguf\n");

        assertThatThrownBy(() -> downloader().fetch(model(null), cache, ModelDownloadProgress.NONE)).hasMessageContaining("corrupt");
    }

    @Test
    void a_cached_file_is_used_without_contacting_the_server() throws IOException {
        Files.write(cache.resolve("model.gguf"), new byte[] {1, 2, 3});

        assertThat(downloader().fetch(model(null), cache, ModelDownloadProgress.NONE)).isEqualTo(cache.resolve("model.gguf"));
        assertThat(ranges).isEmpty();
    }

    @Test
    void offline_the_message_says_where_to_put_the_file_by_hand() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ModelDownloader offline = new ModelDownloader("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2), Duration.ofSeconds(1));

        assertThatThrownBy(() -> offline.fetch(model(null), cache, ModelDownloadProgress.NONE))
                .isInstanceOf(LocalModelException.class)
                .hasMessageContaining("offline")
                .hasMessageContaining(cache.resolve("model.gguf").toString())
                .hasMessageContaining("/org/repo/resolve/main/model.gguf");
    }
}
