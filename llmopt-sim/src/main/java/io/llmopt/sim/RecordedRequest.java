package io.llmopt.sim;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the simulated server received it.
 *
 * @param method  the HTTP method
 * @param path    the request target, query included
 * @param headers the headers, names in lower case (the last value wins when a name repeats)
 * @param body    the body as UTF-8 text ("" when there was none)
 * @param parsed  the parsed chat-completions request, or null when this was not one or did not parse
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, String body, SimRequest parsed) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** A header by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The parsed chat-completions request, when this was one. */
    public Optional<SimRequest> chat() {
        return Optional.ofNullable(parsed);
    }
}
