package dev.gossip.cli;

/**
 * Runs an action on SIGUSR2 through {@code sun.misc.Signal} (module {@code jdk.unsupported}); a JVM
 * without it, or one that reserves the signal, goes without (logged at debug level).
 */
final class StatusSignal {

    private static final System.Logger LOG = System.getLogger(StatusSignal.class.getName());

    private StatusSignal() {}

    /**
     * @param action what to run on each SIGUSR2, on the JVM's signal thread
     * @return {@code true} if the handler is installed
     */
    static boolean install(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("USR2"), signal -> action.run());
            return true;
        } catch (LinkageError | IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "no SIGUSR2 status: {0}", e.toString());
            return false;
        }
    }
}
