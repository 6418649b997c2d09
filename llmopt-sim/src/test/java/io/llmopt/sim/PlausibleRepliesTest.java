package io.llmopt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlausibleRepliesTest {

    private final PlausibleReplies replies = new PlausibleReplies();

    private static SimRequest user(String text) {
        return request(List.of(new SimMessage("user", text)));
    }

    private static SimRequest request(List<SimMessage> messages) {
        return new SimRequest("m", messages, 1.0, null, null, List.of(), null, 1, Map.of(), null);
    }

    @Test
    void optimizerSamplesAreTaggedAndDistinct() {
        SimRequest meta = user("Your task is to generate the instruction <INS>. ... The instruction should begin with <INS> and end with </INS>.");
        String a = replies.reply(meta, 0);
        String b = replies.reply(meta, 1);
        assertThat(a).startsWith("<INS>").endsWith("</INS>");
        assertThat(a).isNotEqualTo(b);
        assertThat(a + b).as("GSM8K drops instructions with digits").doesNotContainPattern("\\d");
    }

    @Test
    void tspTracesVisitEveryPointOnceFromZero() {
        String prompt = "You are given a list of points with coordinates below:\n(0): (1, 2), (1): (3, 4), (2): (5, 6), (3): (7, 8), (4): (9, 0)\n\n<trace> 0,1,2,3,4 </trace>";
        String reply = replies.reply(user(prompt), 3);
        String ids = reply.replace("<trace>", "").replace("</trace>", "").strip();
        int[] order = Arrays.stream(ids.split(",")).mapToInt(Integer::parseInt).toArray();
        assertThat(order[0]).isZero();
        assertThat(Arrays.stream(order).sorted().toArray()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void judgeAndPairPromptsGetTheirFormats() {
        SimRequest judge = request(List.of(new SimMessage("system", "Please act as an impartial judge and evaluate ..."),
                new SimMessage("user", "[User Question]\nhi")));
        assertThat(replies.reply(judge, 0)).containsPattern("\\[\\[[ABC]]]$");
        assertThat(replies.reply(user("instruction: \"x\"\n...Optimized Instruction: xxx [END]"), 0))
                .contains("Optimized Instruction:").endsWith("[END]");
        assertThat(replies.reply(user("Q: 2+2?\nA:"), 0)).contains("The answer is");
    }
}
