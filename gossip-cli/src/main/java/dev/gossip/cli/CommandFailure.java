package dev.gossip.cli;

/** A command could not do its work; its message is printed as one line and the exit code is 1. */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
