package io.llmopt.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How {@code /v1/chat/completions} turns messages into a prompt ({@code --chat-template}).
 * {@code /v1/completions} never applies a template.
 *
 * @param kind which template
 * @param file the Jinja template file for {@link Kind#FILE}, else null
 */
public record ChatTemplate(Kind kind, Path file) {

    public enum Kind {
        /** No template: the request must hold one message, whose content is the prompt as is. */
        NONE,
        /** The GGUF's own {@code tokenizer.chat_template}; llama.cpp uses ChatML when the file has none. */
        GGUF,
        /** ChatML, whatever the GGUF says. */
        CHATML,
        /** A Jinja chat template read from a file, rendered by llama.cpp's Jinja engine. */
        FILE
    }

    public static ChatTemplate gguf() {
        return new ChatTemplate(Kind.GGUF, null);
    }

    /** {@code none}, {@code gguf}, {@code chatml}, or the path of a template file. */
    static ChatTemplate parse(String value) {
        String v = value.strip();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "none" -> {
                return new ChatTemplate(Kind.NONE, null);
            }
            case "gguf" -> {
                return gguf();
            }
            case "chatml" -> {
                return new ChatTemplate(Kind.CHATML, null);
            }
            default -> {
                Path file = Path.of(v);
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("--chat-template must be none, gguf, chatml or a template file; "
                            + "no file " + file.toAbsolutePath());
                }
                return new ChatTemplate(Kind.FILE, file);
            }
        }
    }

    /** The template text for a FILE template. */
    String readFile() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the chat template " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.FILE ? file.toString() : kind.name().toLowerCase(Locale.ROOT);
    }
}
