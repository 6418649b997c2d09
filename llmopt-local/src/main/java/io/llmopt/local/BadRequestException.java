package io.llmopt.local;

/** A request the server refuses with HTTP 400; the message is shown to the caller. */
final class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }
}
