package io.llmopt.sim;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Decides the text of each choice: regex rules on the last user message (the first rule whose
 * pattern is found wins), else the fallback, which is an echo until a test sets another.
 *
 * <p>Thread-safe: tests may change the script while requests are served.
 */
final class ReplyScript {

    /** The default reply: {@code "echo: "} and the last user message; stable, so tests can predict it. */
    static final ReplyFunction ECHO = (request, sample) -> "echo: " + request.lastUserMessage();

    private record Rule(Pattern pattern, ReplyFunction reply) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private volatile ReplyFunction fallback = ECHO;

    void addRule(Pattern pattern, ReplyFunction reply) {
        rules.add(new Rule(Objects.requireNonNull(pattern, "pattern"), Objects.requireNonNull(reply, "reply")));
    }

    void fallback(ReplyFunction reply) {
        fallback = Objects.requireNonNull(reply, "reply");
    }

    void reset() {
        rules.clear();
        fallback = ECHO;
    }

    String reply(SimRequest request, int sampleIndex) {
        if (!rules.isEmpty()) {
            String lastUser = request.lastUserMessage();
            for (Rule rule : rules) {
                if (rule.pattern().matcher(lastUser).find()) {
                    return rule.reply().reply(request, sampleIndex);
                }
            }
        }
        return fallback.reply(request, sampleIndex);
    }
}
