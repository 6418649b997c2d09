package io.llmopt.core.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * Who is running a run: the holder of its lease in the store. One process per run, so that two
 * processes (two terminals, a terminal and the dashboard) never pay for the same calls twice.
 *
 * <p>The holder renews {@link #heartbeatAt} every {@link #HEARTBEAT}; a lease not renewed for
 * {@link #STALE_AFTER} is stale and the next process may take it over. A holder on this host
 * whose process is gone (killed with {@code kill -9}) is stale at once.
 *
 * @param owner a token unique to one attempt of one process, so a renewal never extends another's lease
 */
public record RunLease(String runId, String owner, long pid, String host, Instant acquiredAt, Instant heartbeatAt) {

    /** How often the holder renews its lease. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);

    /** A lease not renewed for this long is stale: six missed heartbeats, so a slow disk or a GC pause is not a death. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /** A new lease of {@code runId} for this process, as of now. */
    public static RunLease forThisProcess(String runId) {
        Instant now = Instant.now();
        return new RunLease(runId, UUID.randomUUID().toString(), ProcessHandle.current().pid(), Hosts.THIS, now, now);
    }

    /** True when the lease may be taken over at {@code now}: not renewed for {@code staleAfter}, or its process on this host is gone. */
    public boolean staleAt(Instant now, Duration staleAfter) {
        if (!heartbeatAt.plus(staleAfter).isAfter(now)) {
            return true;
        }
        return host.equals(Hosts.THIS) && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
    }

    /** The refusal users see: one line naming the holder. */
    public String busyMessage() {
        return "run " + runId + " is being run by pid " + pid + " on host " + host + " since "
                + CLOCK.format(acquiredAt.atZone(ZoneId.systemDefault())) + "; stop it first, or wait (its lease goes stale "
                + STALE_AFTER.toSeconds() + " s after the process stops)";
    }

    /** This machine's name, looked up once: the same in every process on it. */
    static final class Hosts {
        static final String THIS = lookUp();

        private Hosts() {
        }

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown";
            }
        }
    }
}
