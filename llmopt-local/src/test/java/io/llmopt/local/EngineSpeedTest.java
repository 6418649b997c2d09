package io.llmopt.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.FinishReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's speed, its cache and the estimate built from it. The native engine cannot run in
 * this sandbox (no model file, no network), so the probe is driven by a fake engine whose
 * "work" advances a fake clock: 200 prompt tokens/s and 10 generated tokens/s.
 */
class EngineSpeedTest {

    @TempDir
    Path dir;

    /** Reads 200 prompt tokens a second and writes 10 tokens a second, on a clock it advances. */
    private static final class FakeEngine implements InferenceEngine {
        final AtomicLong nanos = new AtomicLong();

        @Override
        public String modelName() {
            return "fake";
        }

        @Override
        public int contextPerSlot() {
            return 4096;
        }

        @Override
        public List<Generation> chat(List<ChatMessage> messages, Sampling sampling) {
            return complete(messages.get(0).content(), sampling);
        }

        @Override
        public List<Generation> complete(String text, Sampling sampling) {
            int prompt = text.length() / 4;
            int completion = sampling.maxTokens();
            nanos.addAndGet((long) (prompt / 200.0 * 1e9 + completion / 10.0 * 1e9));
            return List.of(new Generation("x", prompt, completion, FinishReason.LENGTH));
        }

        @Override
        public float[] embed(String text) {
            return new float[0];
        }

        @Override
        public int countTokens(String text) {
            return text.length() / 4;
        }
    }

    @Test
    void theProbeSeparatesReadingFromWriting() {
        FakeEngine engine = new FakeEngine();
        EngineSpeed speed = EngineSpeedProbe.measure(engine, engine.nanos::get);
        // the reading call writes one token (0.1 s of its time): the prompt speed comes out a little low
        assertThat(speed.promptTokensPerSecond()).isCloseTo(200, within(25.0));
        assertThat(speed.completionTokensPerSecond()).isCloseTo(10, within(0.5));
    }

    @Test
    void aSpeedIsMeasuredOncePerModelFileAndKept() throws Exception {
        Path gguf = Files.write(dir.resolve("m.gguf"), new byte[100]);
        AtomicInteger measured = new AtomicInteger();
        EngineSpeeds speeds = new EngineSpeeds(dir.resolve("cache/engine-speed.properties"), file -> {
            measured.incrementAndGet();
            return new EngineSpeed(150, 12.5);
        });
        assertThat(speeds.of(gguf)).isEqualTo(new EngineSpeed(150, 12.5));
        assertThat(speeds.of(gguf)).isEqualTo(new EngineSpeed(150, 12.5));
        // another process reads the kept value
        EngineSpeeds later = new EngineSpeeds(dir.resolve("cache/engine-speed.properties"), file -> {
            throw new AssertionError("measured again");
        });
        assertThat(later.of(gguf)).isEqualTo(new EngineSpeed(150, 12.5));
        assertThat(measured).hasValue(1);
        // a new download of another size is measured again
        Files.write(gguf, new byte[200]);
        speeds.of(gguf);
        assertThat(measured).hasValue(2);
    }

    @Test
    void theEstimateAddsReadingAndWritingAndCallsOverAnHourLong() {
        EngineSpeed speed = new EngineSpeed(100, 10);
        EngineRunEstimate short_ = new EngineRunEstimate(60_000, 6_000, speed);
        assertThat(short_.time()).isEqualTo(Duration.ofMinutes(20));
        assertThat(short_.isLong()).isFalse();
        EngineRunEstimate long_ = new EngineRunEstimate(1_000_000, 30_000, speed);
        assertThat(long_.time()).isEqualTo(Duration.ofSeconds(10_000 + 3_000));
        assertThat(long_.isLong()).isTrue();
        assertThat(long_.describe()).contains("about 3 h 36 min", "1,000,000 prompt tokens at 100/s", "30,000 generated at 10.0/s");
        assertThat(EngineRunEstimate.human(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThatThrownBy(() -> new EngineSpeed(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
