package io.ringkeeper.cli;

/** What the CLI's exit codes mean; scripts and systemd rely on them. */
public final class ExitCodes {
    /** Done; for {@code status}: the daemon answers and the node is ready. */
    public static final int OK = 0;
    /** Failed at run time (the daemon could not start, the daemon is not reachable). */
    public static final int FAILURE = 1;
    /** Bad configuration or bad command-line usage: fix the input, retrying will not help. */
    public static final int CONFIG = 2;
    /** {@code status}: the daemon answers but the node is not ready. */
    public static final int NOT_READY = 3;

    private ExitCodes() {
    }
}
