package io.llmopt.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.core.llm.ChatRequest;
import io.llmopt.sim.RecordedRequest;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Chat requests that set no raw prompt and no further sampling field reach the server byte for byte
 * as before those existed. The expected bodies were recorded through the simulator with the code of
 * the commit before (run with {@code -Dllmopt.recordChatBodies=FILE} to record them again).
 */
class ChatWireBodiesTest {

    private static final String RECORDED = "chat-bodies-before-raw-prompts.jsonl";

    @AutoClose
    private final SimulatedLlmServer sim = SimulatedLlmServer.start().reply("ok");

    private static List<ChatRequest> requests() {
        return List.of(
                ChatRequest.ofUser("What is 2+2?"),
                ChatRequest.builder().system("Be brief.").user("u1").assistant("a1").user("u2 \"quoted\"\nnew line é 字")
                        .temperature(0.7).topP(0.9).maxTokens(64).stop(List.of("\n\n", "END")).seed(123L).build(),
                ChatRequest.builder().user("Generate an instruction.").temperature(1.0).seed(0L).n(3).build(),
                ChatRequest.builder().user("x").temperature(2.0).topP(1.0).maxTokens(1).build(),
                ChatRequest.builder().user("stop only").stop(List.of("Q:")).build());
    }

    private List<String> bodiesSent() {
        try (OpenAiCompatibleModel model = OpenAiCompatibleModel.builder(sim.baseUrl(), "sim-7b")
                .nSupport(NSupport.ALWAYS_N).build()) {
            for (ChatRequest r : requests()) {
                model.call(r);
            }
        }
        List<String> bodies = new ArrayList<>();
        for (RecordedRequest r : sim.requests()) {
            bodies.add(r.body());
        }
        return bodies;
    }

    @Test
    void chatBodiesAreByteIdenticalToTheRecordedOnes() throws IOException {
        List<String> sent = bodiesSent();
        String record = System.getProperty("llmopt.recordChatBodies");
        if (record != null) {
            Files.write(Path.of(record), sent, StandardCharsets.UTF_8);
        }
        List<String> expected;
        try (InputStream in = ChatWireBodiesTest.class.getResourceAsStream(RECORDED)) {
            assertThat(in).as(RECORDED + " on the test class path").isNotNull();
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(sent).hasSize(requests().size());
        assertThat(sent).containsExactlyElementsOf(expected);
    }
}
