package dev.gossip.core;

/**
 * Told of errors that happen away from the caller: a listener or the membership protocol that
 * threw, a timer tick that failed, a message that could not be sent. The node goes on after each.
 *
 * <p>Threading: called on the node's protocol or timer thread, possibly under the node's lock. It
 * must return quickly and must not throw; an exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface ErrorHandler {

    /**
     * Reports one error.
     *
     * @param context what the node was doing, such as {@code "message listener"} or {@code "tick"}
     * @param error the failure
     */
    void onError(String context, Throwable error);

    /** @return the default handler: logs each error at WARNING through {@link System.Logger} */
    static ErrorHandler logging() {
        System.Logger log = System.getLogger("dev.gossip.core");
        return (context, error) -> log.log(System.Logger.Level.WARNING, "gossip error in " + context, error);
    }
}
