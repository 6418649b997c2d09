package io.llmopt.bpo.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.llmopt.bpo.support.SharedData;
import io.llmopt.core.data.DownloadProgress;
import io.llmopt.core.data.Downloader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BPO test sets come from the user's folder, the cache, or one checked download (from a local stand-in). */
class TestSetSourceTest {

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicInteger downloads = new AtomicInteger();
    private volatile boolean corrupt;

    @BeforeEach
    void serveTheTestSets() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            downloads.incrementAndGet();
            Path file = SharedData.dir().resolve("data/bpo/testset").resolve(Path.of(exchange.getRequestURI().getPath()).getFileName());
            byte[] body = Files.readAllBytes(file);
            if (corrupt) {
                body[body.length / 2] ^= 1;
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private TestSetSource source(Path userFolder) {
        return new TestSetSource(userFolder, dir.resolve("cache"), Downloader.defaults(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), DownloadProgress.NONE);
    }

    @Test
    void aNamedSetIsDownloadedOnceCheckedAndThenReadFromTheCache() {
        Path file = source(null).file(TestSetSource.TestSet.VICUNA);
        assertThat(TestSets.vicunaEval(file).records()).hasSize(80);
        assertThat(source(null).file(TestSetSource.TestSet.VICUNA)).isEqualTo(file);
        assertThat(downloads).hasValue(1);
        assertThat(TestSets.bpoTest(source(null).file(TestSetSource.TestSet.BPO_TEST)).records()).hasSize(200);
    }

    @Test
    void aFileThatIsNotThePapersIsRefusedAndNotCached() {
        corrupt = true;
        assertThatThrownBy(() -> source(null).file(TestSetSource.TestSet.DOLLY)).hasMessageContaining("checksum mismatch");
        assertThat(dir.resolve("cache/bpo/testset/dolly_eval.json")).doesNotExist();
    }

    @Test
    void theUsersFolderComesFirst() {
        Path file = source(SharedData.dir().resolve("data/bpo")).file(TestSetSource.TestSet.SELF_INSTRUCT);
        assertThat(file).isEqualTo(SharedData.dir().resolve("data/bpo/testset/self_instruct_eval.json"));
        assertThat(downloads).hasValue(0);
    }
}
