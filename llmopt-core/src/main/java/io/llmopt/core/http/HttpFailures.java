package io.llmopt.core.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.LlmException.Kind;
import io.llmopt.core.llm.ModelInfo;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Classifies what went wrong with a chat-completions call into an {@link LlmException}: HTTP
 * statuses by their meaning, transport exceptions by their type. Messages name the endpoint and
 * the model (via {@link ModelInfo}) and quote the server's own explanation, with the API key
 * masked in case the server echoed it.
 */
final class HttpFailures {

    private final ModelInfo info;
    private final ApiKey apiKey;
    private final ObjectMapper mapper;
    private final Clock clock;

    HttpFailures(ModelInfo info, ApiKey apiKey, ObjectMapper mapper, Clock clock) {
        this.info = info;
        this.apiKey = apiKey;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The failure an HTTP status outside 2xx stands for. */
    LlmException fromStatus(int status, HttpHeaders headers, byte[] body) {
        Kind kind = kindOf(status);
        String serverMessage = ErrorBodies.serverMessage(mapper, body);
        if (serverMessage != null && apiKey != null) {
            serverMessage = apiKey.redactFrom(serverMessage);
        }
        String detail = "HTTP " + status + (serverMessage == null ? "" : ": " + serverMessage);
        Duration retryAfter = status == 429 || status == 503 ? RetryAfter.parse(headers, clock) : null;
        return new LlmException(kind, info, detail, retryAfter, null);
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 429 -> Kind.RATE_LIMITED;
            case 401, 403 -> Kind.UNAUTHORIZED;
            case 404 -> Kind.NOT_FOUND;
            case 408 -> Kind.TIMEOUT;
            default -> {
                if (status >= 500) {
                    yield Kind.SERVER_ERROR;
                }
                if (status >= 400) {
                    yield Kind.BAD_REQUEST; // 400, 413, 422 and the rest: the request itself was refused
                }
                yield Kind.MALFORMED_RESPONSE; // 1xx/3xx: not what a chat-completions API answers
            }
        };
    }

    /** The failure a transport exception (wrapped or not) stands for. */
    LlmException fromThrowable(Throwable thrown, Duration requestTimeout, boolean closed) {
        Throwable t = thrown;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof LlmException e) {
            return e;
        }
        if (closed || t instanceof CancellationException || t instanceof InterruptedException) {
            return new LlmException(Kind.CANCELLED, info, closed ? "the model was closed" : "the call was cancelled", null, t);
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new LlmException(Kind.CONNECTION, info, "could not connect in time (" + t.getMessage() + ")", null, t);
        }
        if (t instanceof HttpTimeoutException) {
            return new LlmException(Kind.TIMEOUT, info, "no reply within " + seconds(requestTimeout), null, t);
        }
        if ((t instanceof ConnectException || t instanceof UnknownHostException) && !AnsweredEndpoints.hasAnswered(info.endpoint())) {
            return neverAnswered(t);
        }
        if (t instanceof ConnectException) {
            return new LlmException(Kind.CONNECTION, info, "connection refused", null, t);
        }
        if (t instanceof EOFException || t instanceof ClosedChannelException) {
            return new LlmException(Kind.CONNECTION, info, "the server closed the connection before the reply was complete", null, t);
        }
        if (t instanceof IOException) {
            return new LlmException(Kind.CONNECTION, info, describe(t), null, t);
        }
        return new LlmException(Kind.CONNECTION, info, "unexpected failure: " + describe(t), null, t);
    }

    /**
     * Refused or unknown host where nothing has answered yet: one line naming the URL and what to
     * check, instead of retries and a long wait for a server that was never there.
     */
    private LlmException neverAnswered(Throwable t) {
        boolean unknownHost = false;
        for (Throwable c = t; c != null; c = c.getCause()) {
            unknownHost |= c instanceof UnresolvedAddressException || c instanceof UnknownHostException;
        }
        String base = info.endpoint().endsWith("/") ? info.endpoint().substring(0, info.endpoint().length() - 1) : info.endpoint();
        String what = unknownHost ? "unknown host" : "connection refused";
        return new LlmException(Kind.UNREACHABLE, info, what + ", and nothing has answered there since llmopt started"
                + " (is the server running? curl " + base + "/models)", null, t);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
