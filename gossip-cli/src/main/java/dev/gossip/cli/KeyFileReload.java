package dev.gossip.cli;

import dev.gossip.core.security.Keyring;
import java.nio.file.Path;
import java.util.List;

/**
 * Re-reads a node's {@code --key-file} into its running {@link Keyring}, on SIGHUP: the file's first
 * key seals from then on, exactly the file's keys open. A file that is not valid changes nothing.
 * Either way the outcome is one line.
 */
final class KeyFileReload {

    private static final System.Logger LOG = System.getLogger(KeyFileReload.class.getName());

    private final Path file;
    private final Keyring keyring;

    /**
     * @param file the key file the keyring was read from
     * @param keyring the node's keyring, changed in place
     */
    KeyFileReload(Path file, Keyring keyring) {
        this.file = file;
        this.keyring = keyring;
    }

    /**
     * Re-reads the file and, if it is valid, replaces the keyring's keys with it in one step.
     *
     * @return one line saying what happened: the keys now installed (primary first), or why the
     *     file was not used and which keys are kept
     */
    String reload() {
        try {
            List<byte[]> keys = KeyFile.read(file);
            keyring.replace(keys.get(0), keys.subList(1, keys.size()));
            return "key file " + file + " reloaded: primary " + keyring.primaryFingerprint() + ", keys "
                    + String.join(" ", keyring.fingerprints());
        } catch (KeyFile.InvalidKeyFile | IllegalArgumentException e) {
            return "key file not reloaded, keeping keys " + String.join(" ", keyring.fingerprints()) + ": "
                    + ShortErrors.describe(e);
        }
    }

    /**
     * Runs an action on each SIGHUP instead of the JVM's default (which shuts the JVM down), through
     * {@code sun.misc.Signal}; a JVM without it, or one that reserves the signal ({@code -Xrs}),
     * goes without (logged at debug level).
     *
     * <p>A process that starts with SIGHUP ignored (under {@code nohup}, for one) keeps it ignored:
     * the JVM does not handle a signal its parent told it to ignore, so no reload can happen on
     * SIGHUP, and this returns {@code false}.
     *
     * @param action what to run, on the JVM's signal thread
     * @return {@code true} if the handler is installed
     */
    static boolean onSighup(Runnable action) {
        try {
            sun.misc.SignalHandler before = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> action.run());
            return before != sun.misc.SignalHandler.SIG_IGN;
        } catch (LinkageError | IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "no SIGHUP key reload: {0}", e.toString());
            return false;
        }
    }
}
