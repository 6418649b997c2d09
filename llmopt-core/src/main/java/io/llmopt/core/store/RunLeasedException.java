package io.llmopt.core.store;

/** Another live process holds the run's lease: nothing was started; the user stops it or waits. */
public final class RunLeasedException extends RuntimeException {

    private final transient RunLease holder;

    public RunLeasedException(RunLease holder) {
        super(holder.busyMessage());
        this.holder = holder;
    }

    public RunLease holder() {
        return holder;
    }
}
