package io.llmopt.core.pool;

import io.llmopt.core.concurrent.Futures;
import io.llmopt.core.concurrent.Ticker;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.ChatResponse;
import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.LlmException;
import io.llmopt.core.llm.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Several backends serving the same model, used as one: each request goes to the member with the
 * fewest requests outstanding (ties taken in turn), which follows the members' real speed better
 * than plain round-robin when one server is slower.
 *
 * <p>A member failing {@link PoolPolicy#failuresToEject()} times in a row with a retryable error is
 * ejected for {@link PoolPolicy#coolDown()}, then gets a single trial call (half-open): success
 * restores it, failure ejects it again. If every member is ejected the one ejected longest ago is
 * used, since refusing all calls would be worse than trying. Non-retryable errors (a bad request)
 * say nothing about a member's health and are not counted.
 *
 * <p>The pool does not retry: the retry layer above it does, and its next attempt is routed away
 * from the member that just failed when another is less busy.
 */
public final class PooledLanguageModel extends ForwardingLanguageModel {

    private static final long NOT_EJECTED = Long.MIN_VALUE;

    private static final class Member {
        final LanguageModel model;
        int outstanding;
        int consecutiveFailures;
        long ejectedAt = NOT_EJECTED;
        boolean halfOpen;
        long requests;
        /** Refused or unknown host without ever having answered ({@link LlmException.Kind#UNREACHABLE}). */
        boolean unreachable;

        Member(LanguageModel model) {
            this.model = model;
        }

        boolean ejected() {
            return ejectedAt != NOT_EJECTED;
        }
    }

    private final List<Member> members;
    private final PoolPolicy policy;
    private final Ticker ticker;
    private final ModelInfo info;
    private final ReentrantLock lock = new ReentrantLock();
    private int nextTieBreak;

    public PooledLanguageModel(List<? extends LanguageModel> members, PoolPolicy policy) {
        this(members, policy, Ticker.SYSTEM);
    }

    public PooledLanguageModel(List<? extends LanguageModel> members, PoolPolicy policy, Ticker ticker) {
        super(first(members));
        this.members = members.stream().map(Member::new).toList();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        ModelInfo head = members.get(0).info();
        List<String> endpoints = members.stream().map(m -> m.info().endpoint()).toList();
        this.info = new ModelInfo(head.provider(), head.model(), "pool of " + members.size() + " " + endpoints, head.api());
    }

    private static LanguageModel first(List<? extends LanguageModel> members) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one member");
        }
        return members.get(0);
    }

    @Override
    public CompletableFuture<ChatResponse> chat(ChatRequest request) {
        Member member = acquire();
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        Futures.call(() -> member.model.chat(request)).whenComplete((response, failure) -> {
            Throwable seen = failure == null ? null : poolFailure(member, Futures.unwrap(failure));
            release(member, seen);
            Futures.complete(result, response, seen);
        });
        return result;
    }

    /**
     * A member that was never there (UNREACHABLE) while another member may answer is a member
     * failure like a broken connection: ejected, and the retry layer's next attempt goes elsewhere.
     * Only when every member is unreachable does the pool fail the call as unreachable.
     */
    private Throwable poolFailure(Member member, Throwable failure) {
        if (!(failure instanceof LlmException e) || e.kind() != LlmException.Kind.UNREACHABLE) {
            return failure;
        }
        lock.lock();
        try {
            member.unreachable = true;
            if (members.stream().allMatch(m -> m.unreachable)) {
                return failure;
            }
        } finally {
            lock.unlock();
        }
        return new LlmException(LlmException.Kind.CONNECTION, e.endpoint(), e.model(),
                "one member of the pool is not reachable (" + e.getMessage() + ")", null, e);
    }

    /** Describes the pool: the members' model, and their endpoints. */
    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public void close() {
        for (Member m : members) {
            m.model.close();
        }
    }

    public List<PoolMemberStatus> status() {
        lock.lock();
        try {
            List<PoolMemberStatus> out = new ArrayList<>();
            for (Member m : members) {
                out.add(new PoolMemberStatus(m.model.info().endpoint(), m.outstanding, m.consecutiveFailures, m.ejected(), m.requests));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private Member acquire() {
        lock.lock();
        try {
            long now = ticker.nanos();
            Member chosen = null;
            int chosenIndex = -1;
            int size = members.size();
            for (int k = 0; k < size; k++) {
                int i = (nextTieBreak + k) % size;
                Member m = members.get(i);
                if (m.ejected() && now - m.ejectedAt < policy.coolDown().toNanos()) {
                    continue;
                }
                if (chosen == null || m.outstanding < chosen.outstanding) {
                    chosen = m;
                    chosenIndex = i;
                }
            }
            if (chosen == null) {
                chosen = ejectedLongestAgo();
                chosenIndex = members.indexOf(chosen);
            }
            if (chosen.ejected()) {
                // Back from its cool-down (or the least bad choice): on trial until it answers.
                chosen.ejectedAt = NOT_EJECTED;
                chosen.halfOpen = true;
            }
            nextTieBreak = (chosenIndex + 1) % size;
            chosen.outstanding++;
            chosen.requests++;
            return chosen;
        } finally {
            lock.unlock();
        }
    }

    private Member ejectedLongestAgo() {
        Member oldest = members.get(0);
        for (Member m : members) {
            if (m.ejectedAt < oldest.ejectedAt) {
                oldest = m;
            }
        }
        return oldest;
    }

    private void release(Member member, Throwable failure) {
        lock.lock();
        try {
            member.outstanding--;
            if (failure == null) {
                member.consecutiveFailures = 0;
                member.halfOpen = false;
                member.unreachable = false;
                return;
            }
            if (!(Futures.unwrap(failure) instanceof LlmException e) || !e.retryable()) {
                return;
            }
            member.consecutiveFailures++;
            if (member.halfOpen || member.consecutiveFailures >= policy.failuresToEject()) {
                if (!member.ejected()) {
                    member.ejectedAt = ticker.nanos();
                }
                member.halfOpen = false;
            }
        } finally {
            lock.unlock();
        }
    }
}
