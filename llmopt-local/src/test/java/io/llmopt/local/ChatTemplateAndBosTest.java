package io.llmopt.local;

import io.llmopt.core.llm.ChatMessage;
import io.llmopt.core.llm.MessageRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --chat-template and --bos, on engines loaded from the tiny model (whose GGUF adds no BOS). */
class ChatTemplateAndBosTest {

    private static final EngineSettings SETTINGS = new EngineSettings(1, 256, 1, 64);
    private static LlamaEngine noTemplateAlwaysBos;
    private static LlamaEngine fileTemplate;
    private static long bosId;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        Path template = Files.writeString(dir.resolve("plain.jinja"),
                "{% for m in messages %}<<{{ m.role }}>>{{ m.content }}\n{% endfor %}<<assistant>>");
        noTemplateAlwaysBos = LlamaEngine.load(TinyModel.file(), "tiny", SETTINGS,
                ChatTemplate.parse("none"), BosPolicy.ALWAYS);
        fileTemplate = LlamaEngine.load(TinyModel.file(), "tiny", SETTINGS, ChatTemplate.parse(template.toString()),
                BosPolicy.MODEL);
        bosId = GgufFile.read(TinyModel.file()).tokenizer().bosId();
    }

    private static List<ChatMessage> user(String text) {
        return List.of(new ChatMessage(MessageRole.USER, text));
    }

    @Test
    void bos_always_puts_bos_first_once() {
        int[] tokens = noTemplateAlwaysBos.promptTokens("[INST] hi [/INST]");
        int[] already = noTemplateAlwaysBos.promptTokens("<|endoftext|>[INST] hi [/INST]");

        assertThat(tokens[0]).isEqualTo((int) bosId);
        assertThat(tokens).hasSize(noTemplateAlwaysBos.countTokens("[INST] hi [/INST]") + 1);
        assertThat(already).containsExactly(tokens);
    }

    @Test
    void the_gguf_decides_bos_by_default() {
        // the tiny GGUF says tokenizer.ggml.add_bos_token = false
        assertThat(fileTemplate.promptTokens("hi")).hasSize(fileTemplate.countTokens("hi"));
        assertThat(GgufFile.read(TinyModel.file()).tokenizer().addsBos()).isFalse();
    }

    @Test
    void no_template_sends_the_one_message_as_is_and_the_same_as_a_raw_completion() {
        Sampling greedy = Sampling.greedy(12);
        Generation chat = noTemplateAlwaysBos.chat(user("[INST] hi [/INST]"), greedy).get(0);
        Generation raw = noTemplateAlwaysBos.complete("[INST] hi [/INST]", greedy).get(0);

        assertThat(noTemplateAlwaysBos.render(user("[INST] hi [/INST]"))).isEqualTo("[INST] hi [/INST]");
        assertThat(chat.promptTokens()).isEqualTo(noTemplateAlwaysBos.countTokens("[INST] hi [/INST]") + 1);
        assertThat(chat).isEqualTo(raw);
    }

    @Test
    void no_template_refuses_several_messages() {
        List<ChatMessage> two = List.of(new ChatMessage(MessageRole.SYSTEM, "s"), new ChatMessage(MessageRole.USER, "u"));

        assertThatThrownBy(() -> noTemplateAlwaysBos.chat(two, Sampling.greedy(4)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("--chat-template none");
    }

    @Test
    void a_template_file_is_rendered_by_jinja() {
        assertThat(fileTemplate.render(List.of(new ChatMessage(MessageRole.SYSTEM, "be brief"),
                new ChatMessage(MessageRole.USER, "hi")))).isEqualTo("<<system>>be brief\n<<user>>hi\n<<assistant>>");
    }

    @Test
    void a_missing_template_file_is_a_usage_error() {
        assertThatThrownBy(() -> LocalServerOptions.parse("--model", "x.gguf", "--chat-template", "/nowhere/t.jinja"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--chat-template");
        assertThatThrownBy(() -> LocalServerOptions.parse("--model", "x.gguf", "--bos", "sometimes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bos");
        LocalServerOptions o = LocalServerOptions.parse("--model", "x.gguf", "--chat-template", "chatml", "--bos", "never");
        assertThat(o.chatTemplate().kind()).isEqualTo(ChatTemplate.Kind.CHATML);
        assertThat(o.bos()).isEqualTo(BosPolicy.NEVER);
    }
}
