package dev.gossip.cli;

import dev.gossip.core.security.Keyring;
import io.micronaut.context.annotation.Prototype;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gossip keygen}: writes a key file for {@code --key-file}, or adds a key to one. */
@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        header = "Writes a key file for --key-file, or adds a new key to one.",
        description = {
            "Writes FILE with one new random AES key (from SecureRandom) in base64: the key file that "
                    + "'gossip node', 'send' and 'demo' take with --key-file. FILE must not exist. "
                    + "With --rotate or --add, FILE must be a valid key file, and a new key goes in: "
                    + "--rotate makes it the primary (the first key line), --add puts it after the "
                    + "primary, so that nodes open what it seals but none seals with it yet; --promote "
                    + "adds no key but moves the second key line to the front. Comments and the other "
                    + "keys are kept. The file is written with mode 0600 (owner read and write only), "
                    + "through a temporary file in the same directory that replaces it in one step.",
            "",
            "Rotating a running cluster with no datagram refused: --add, copy the file to every node "
                    + "and send each node SIGHUP; then --promote, copy and SIGHUP again; later delete "
                    + "the old key's line, copy and SIGHUP. --rotate does the first two steps at once: "
                    + "until every node has re-read the file, those that have not refuse what the "
                    + "others seal with the new key (counted as AUTHENTICATION_FAILED; anti-entropy "
                    + "repairs the messages once they have).",
            "",
            "Prints one line on stdout: the file, the new primary's fingerprint and every key's."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  gossip keygen keys",
            "  gossip keygen --bytes 16 keys",
            "  gossip keygen --rotate keys && kill -HUP <node pid>",
            "",
            "Exit codes:",
            "  0  written",
            "  1  failure: the file could not be written",
            "  2  usage error: FILE exists (without --rotate, --add or --promote),",
            "     or is missing or not a valid key file (with them), or would hold",
            "     more than 16 keys"
        })
@Prototype
final class KeygenCommand implements Callable<Integer> {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @Spec
    CommandSpec spec;

    @Option(names = "--rotate", order = 1, description = "Add a new key to FILE as its primary.")
    boolean rotate;

    @Option(
            names = "--add",
            order = 2,
            description = "Add a new key to FILE after its primary: installed, not yet sealing.")
    boolean add;

    @Option(
            names = "--promote",
            order = 3,
            description = "Add no key: make FILE's second key the primary (after --add).")
    boolean promote;

    @Option(
            names = "--bytes",
            paramLabel = "N",
            order = 4,
            defaultValue = "32",
            description = "Key length: 16, 24 or 32 bytes (AES-128, -192, -256). Default: ${DEFAULT-VALUE}.")
    int bytes;

    @Parameters(paramLabel = "FILE", description = "The key file.")
    Path file;

    private final SecureRandom random = new SecureRandom();

    @Override
    public Integer call() throws IOException {
        if (bytes != 16 && bytes != 24 && bytes != 32) {
            throw new ParameterException(spec.commandLine(), "--bytes must be 16, 24 or 32, was " + bytes);
        }
        int modes = (rotate ? 1 : 0) + (add ? 1 : 0) + (promote ? 1 : 0);
        if (modes > 1) {
            throw new ParameterException(spec.commandLine(), "--rotate, --add and --promote exclude each other");
        }
        boolean update = modes == 1;
        List<String> lines;
        if (!update) {
            lines = List.of(KeyFile.line(newKey()));
        } else {
            List<String> old;
            try {
                KeyFile.read(file);
                old = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (KeyFile.InvalidKeyFile e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            lines = promote ? promote(old) : insert(old, KeyFile.line(newKey()), rotate ? 0 : 1);
        }
        List<byte[]> keys;
        try {
            keys = KeyFile.parse(file.toString(), lines);
        } catch (KeyFile.InvalidKeyFile e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            write(file, lines, update);
        } catch (FileAlreadyExistsException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    file + " exists: --rotate or --add adds a key to it; delete it first for a new one");
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + file + ": " + ShortErrors.describe(e), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + file + ": primary " + Keyring.fingerprint(keys.get(0)) + ", keys "
                + String.join(" ", KeyFile.fingerprints(keys)));
        out.flush();
        return GossipCli.EXIT_OK;
    }

    private byte[] newKey() {
        byte[] key = new byte[bytes];
        random.nextBytes(key);
        return key;
    }

    /**
     * @param lines a valid key file's lines
     * @param line a new key line
     * @param position 0 to put it before the first key line, 1 after it
     * @return the lines with the new one in place; comments stay where they were
     */
    static List<String> insert(List<String> lines, String line, int position) {
        List<String> out = new ArrayList<>(lines);
        List<Integer> keyLines = keyLines(lines);
        out.add(keyLines.get(0) + position, line);
        return out;
    }

    /**
     * @param lines a valid key file's lines
     * @return the lines with the first two key lines swapped
     * @throws ParameterException if there is only one key
     */
    List<String> promote(List<String> lines) {
        List<Integer> keyLines = keyLines(lines);
        if (keyLines.size() < 2) {
            throw new ParameterException(
                    spec.commandLine(), file + " holds one key: nothing to promote (--add adds a second)");
        }
        List<String> out = new ArrayList<>(lines);
        out.set(keyLines.get(0), lines.get(keyLines.get(1)));
        out.set(keyLines.get(1), lines.get(keyLines.get(0)));
        return out;
    }

    private static List<Integer> keyLines(List<String> lines) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip().replace("\uFEFF", "");
            if (!line.isEmpty() && !line.startsWith("#")) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    /**
     * Writes the lines to a new temporary file with mode 0600 (where the file system has POSIX
     * permissions) beside the target, then moves it over the target in one step.
     */
    static void write(Path file, List<String> lines, boolean replace) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (!replace && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes);
        try {
            Files.write(temp, lines, StandardCharsets.UTF_8);
            if (replace) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
