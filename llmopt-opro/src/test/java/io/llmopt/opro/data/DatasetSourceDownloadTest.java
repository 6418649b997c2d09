package io.llmopt.opro.data;

import io.llmopt.core.data.Downloader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a local HTTP server laid out like GitHub raw. */
class DatasetSourceDownloadTest {
    private static final String TRAIN_JSONL = """
            {"question": "Natalia sold 48 clips. How many?", "answer": "48/2 = 24\\n#### 72"}
            {"question": "Big number?", "answer": "Some work\\n#### 1,200"}
            """;
    private static final String NAVIGATE = "{\"examples\": [{\"input\": \"Take 1 step. Do you return?\", \"target\": \"No\"}]}";

    @TempDir
    Path cache;
    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        files.put("/gsm/train.jsonl", TRAIN_JSONL.getBytes(StandardCharsets.UTF_8));
        files.put("/bbh/navigate.json", NAVIGATE.getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = files.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private DatasetSource source() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return DatasetSource.defaults().withCacheFolder(cache)
                .withDownloads(Downloader.defaults(), base.resolve("gsm/"), base.resolve("bbh/"));
    }

    @Test
    void theCacheFolderFollowsTheEnvironment() {
        assertThat(DatasetSource.defaultCacheFolder(new io.llmopt.core.config.UserFolders(
                Map.of("HOME", "/h"), "/java/home"))).isEqualTo(Path.of("/h/.cache/llmopt/data"));
        assertThat(DatasetSource.defaultCacheFolder(new io.llmopt.core.config.UserFolders(
                Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h"), "/java/home"))).isEqualTo(Path.of("/x/llmopt/data"));
        assertThat(DatasetSource.defaultCacheFolder(new io.llmopt.core.config.UserFolders(
                Map.of("LLMOPT_CACHE_DIR", "/c", "XDG_CACHE_HOME", "/x"), "/java/home"))).isEqualTo(Path.of("/c/data"));
    }

    @Test
    void downloadsOnFirstUseThenReadsTheCache() {
        List<long[]> progress = new ArrayList<>();
        DatasetSource source = source().withProgress((name, bytes, total) -> progress.add(new long[] {bytes, total}));

        Dataset train = source.gsm8k("train");
        assertThat(train.examples()).extracting(Example::target).containsExactly("72", "1200");
        assertThat(train.get(0).question()).isEqualTo("Natalia sold 48 clips. How many?");
        assertThat(Files.exists(cache.resolve("gsm8k/train.jsonl"))).isTrue();
        assertThat(Files.exists(cache.resolve("gsm8k/train.jsonl.sha256"))).isTrue();
        long size = TRAIN_JSONL.getBytes(StandardCharsets.UTF_8).length;
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(size, size);

        assertThat(source.gsm8k("train").size()).isEqualTo(2);
        assertThat(source.bbh(List.of("navigate")).get(0).target()).isEqualTo("No");
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void refusesADownloadWithTheWrongDigestAndLeavesNothingBehind() {
        DatasetSource source = source().withExpectedSha256(Map.of("bbh/navigate.json", "00".repeat(32)));
        assertThatThrownBy(() -> source.bbh(List.of("navigate"))).hasMessageContaining("checksum mismatch");
        assertThat(cache.resolve("bbh")).isEmptyDirectory();
    }

    @Test
    void acceptsAPinnedDigestAndDetectsALaterChangeInTheCache() throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(NAVIGATE.getBytes(StandardCharsets.UTF_8)));
        DatasetSource source = source().withExpectedSha256(Map.of("bbh/navigate.json", digest));
        assertThat(source.bbh(List.of("navigate")).size()).isEqualTo(1);

        Files.writeString(cache.resolve("bbh/navigate.json"), "{\"examples\": []}");
        assertThatThrownBy(() -> source().bbh(List.of("navigate"))).hasMessageContaining("delete it to download it again");
    }

    @Test
    void reportsAMissingRemoteFile() {
        files.remove("/gsm/train.jsonl");
        assertThatThrownBy(() -> source().gsm8k("train")).hasMessageContaining("HTTP 404");
        assertThat(cache.resolve("gsm8k/train.jsonl")).doesNotExist();
    }

    @Test
    void anUnreachableHostSaysSoAndWhereElseTheFileMayComeFrom() {
        DatasetSource offline = DatasetSource.defaults().withCacheFolder(cache).withDownloads(Downloader.defaults(),
                URI.create("http://no-such-host.invalid/gsm/"), URI.create("http://no-such-host.invalid/bbh/"));

        assertThatThrownBy(() -> offline.gsm8k("train")).isInstanceOf(DatasetDownloadException.class)
                .hasMessageContaining("cannot download http://no-such-host.invalid/gsm/train.jsonl: ")
                .hasMessageContaining(cache.resolve("gsm8k/train.jsonl").toString())
                .hasMessageContaining("OPRO repository's data folder")
                .message().doesNotContain("null").doesNotContain("\n");
    }

    @Test
    void aRefusedConnectionIsNamed() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DatasetSource refused = DatasetSource.defaults().withCacheFolder(cache).withDownloads(Downloader.defaults(),
                URI.create("http://127.0.0.1:" + closedPort + "/gsm/"), URI.create("http://127.0.0.1:" + closedPort + "/bbh/"));

        assertThatThrownBy(() -> refused.gsm8k("train")).message().doesNotContain(": null").contains("onnect");
    }

    @Test
    void prefersTheUserFolderAndNeverDownloadsWhatIsThere() {
        Dataset train = source().withUserFolder(TestData.oproData()).gsm8k("train");
        assertThat(train.size()).isEqualTo(7473);
        assertThat(requests.get()).isZero();
        assertThatThrownBy(() -> source().aqua()).hasMessageContaining("not downloaded automatically");
    }
}
