package dev.gossip.cli;

import dev.gossip.core.security.Encryption;
import dev.gossip.core.security.Keyring;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --key-file} and {@code --cluster-label}, shared by {@code gossip node} and {@code gossip
 * send}: AES-GCM encryption with a keyring read from a {@link KeyFile}. Like every option of those
 * commands they can come from the environment ({@code GOSSIP_KEY_FILE}, {@code
 * GOSSIP_CLUSTER_LABEL}).
 */
final class KeyOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            order = 60,
            description = "Encrypt and authenticate every datagram with AES-GCM, with the keys of FILE: one "
                    + "base64 key (16, 24 or 32 bytes) a line, the first the primary (it seals), every key "
                    + "opening; blank lines and lines starting with # are ignored. Nodes without one of "
                    + "these keys cannot join, and their datagrams are dropped and counted "
                    + "(AUTHENTICATION_FAILED). 'gossip keygen FILE' writes one. Default: none (plaintext).")
    @Nullable
    Path keyFile;

    @Option(
            names = "--cluster-label",
            paramLabel = "LABEL",
            order = 61,
            description = "With --key-file: a name bound into every datagram, so that clusters sharing a "
                    + "key still refuse each other's datagrams; at most " + Encryption.MAX_LABEL_BYTES
                    + " bytes of UTF-8. Default: none.")
    @Nullable
    String clusterLabel;

    /**
     * @return the encryption the flags ask for, or {@code null} for none
     * @throws ParameterException naming the file and line if the key file is not valid, or if
     *     {@code --cluster-label} is given without {@code --key-file}
     */
    @Nullable
    Encryption encryption() {
        if (keyFile == null) {
            if (clusterLabel != null && !clusterLabel.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--cluster-label needs --key-file");
            }
            return null;
        }
        List<byte[]> keys;
        try {
            keys = KeyFile.read(keyFile);
        } catch (KeyFile.InvalidKeyFile e) {
            throw new ParameterException(spec.commandLine(), "--key-file " + e.getMessage());
        }
        KeyFile.exposure(keyFile).ifPresent(warning -> {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": warning: " + warning);
            spec.commandLine().getErr().flush();
        });
        Keyring keyring = KeyFile.keyring(keys);
        try {
            return Encryption.builder(keyring)
                    .clusterLabel(clusterLabel == null ? "" : clusterLabel)
                    .build();
        } catch (IllegalArgumentException e) {
            // Encryption's checks always say what is wrong
            String message = Objects.requireNonNull(e.getMessage());
            throw new ParameterException(spec.commandLine(), message.replace("clusterLabel", "--cluster-label"));
        }
    }
}
