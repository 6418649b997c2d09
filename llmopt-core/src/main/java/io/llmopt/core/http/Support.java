package io.llmopt.core.http;

/** What a capability probe found out about one request field at one endpoint. */
public enum Support {
    /** The probe saw the field take effect (n=2 gave two choices; a seed fixed the text; log-probabilities came back). */
    HONOURED,
    /** The server accepted the field and the probe saw it have no effect. */
    IGNORED,
    /** The server refused a request carrying the field (a 4xx); requests carrying it will fail the same way. */
    REFUSED,
    /** The server accepted the field; whether it applies it cannot be seen in a small probe (top_k, penalties, ...). */
    ACCEPTED,
    /** Not probed, or the probe could not tell (the server failed, or its replies did not vary at all). */
    UNKNOWN;

    /** True for the results worth keeping across processes (a failed probe is tried again next time). */
    boolean conclusive() {
        return this != UNKNOWN;
    }
}
