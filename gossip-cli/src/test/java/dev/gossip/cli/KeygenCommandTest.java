package dev.gossip.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gossip.core.security.Keyring;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gossip keygen} in-process: new files, rotation, mode 0600, refusals; and the key-file
 * flags of {@code node}, {@code send} and {@code demo}.
 */
class KeygenCommandTest {

    private static ApplicationContext context;

    @BeforeAll
    static void startContext() {
        context = ApplicationContext.run(Environment.CLI, Environment.TEST);
    }

    @AfterAll
    static void stopContext() {
        context.close();
    }

    private static CliRun run(String... args) {
        return CliRun.execute(context, args);
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void writesANewKeyFileWithModeSixHundred(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        CliRun run = run("keygen", file.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        List<byte[]> keys = KeyFile.read(file);
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0)).hasSize(32);
        assertThat(run.out().strip())
                .isEqualTo("wrote " + file + ": primary " + Keyring.fingerprint(keys.get(0)) + ", keys "
                        + Keyring.fingerprint(keys.get(0)));
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file, UTF_8)).hasSize(1);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }

        Path small = dir.resolve("small");
        assertThat(run("keygen", "--bytes", "16", small.toString()).code()).isZero();
        assertThat(KeyFile.read(small).get(0)).hasSize(16);
        assertThat(KeyFile.read(small).get(0)).isNotEqualTo(keys.get(0));
    }

    @Test
    void refusesToOverwriteAndOddLengths(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        assertThat(run("keygen", file.toString()).code()).isZero();
        List<String> before = Files.readAllLines(file, UTF_8);
        CliRun again = run("keygen", file.toString());
        assertThat(again.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(again.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("gossip keygen: " + file + " exists");
        assertThat(Files.readAllLines(file, UTF_8)).isEqualTo(before);

        CliRun odd = run("keygen", "--bytes", "20", dir.resolve("odd").toString());
        assertThat(odd.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(odd.err()).contains("--bytes must be 16, 24 or 32, was 20");
        assertThat(dir.resolve("odd")).doesNotExist();
        CliRun both = run("keygen", "--add", "--rotate", file.toString());
        assertThat(both.code()).isEqualTo(GossipCli.EXIT_USAGE);
        CliRun missing = run("keygen", "--rotate", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(missing.err()).contains(dir.resolve("nope") + ": no such file");
    }

    @Test
    void rotateAddAndPromoteKeepCommentsAndOtherKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        String old = KeyFileTest.b64(KeyFileTest.key(1, 32));
        Files.writeString(file, "# ours\n" + old + "\n", UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        CliRun rotate = run("keygen", "--rotate", file.toString());
        assertThat(rotate.code()).as(rotate.toString()).isZero();
        List<String> lines = Files.readAllLines(file, UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("# ours");
        assertThat(lines.get(2)).isEqualTo(old);
        String rotated = lines.get(1);
        assertThat(KeyFile.read(file)).hasSize(2);
        assertThat(mode(file)).isEqualTo("rw-------");

        CliRun add = run("keygen", "--add", file.toString());
        assertThat(add.code()).as(add.toString()).isZero();
        lines = Files.readAllLines(file, UTF_8);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).isEqualTo(rotated);
        assertThat(lines.get(3)).isEqualTo(old);
        String added = lines.get(2);

        CliRun promote = run("keygen", "--promote", file.toString());
        assertThat(promote.code()).as(promote.toString()).isZero();
        assertThat(Files.readAllLines(file, UTF_8)).containsExactly("# ours", added, rotated, old);
        assertThat(promote.out())
                .contains("primary " + Keyring.fingerprint(KeyFile.read(file).get(0)));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void rotationRefusesABadFileAndAFullOne(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad"), "x\n", UTF_8);
        CliRun run = run("keygen", "--rotate", bad.toString());
        assertThat(run.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(run.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("gossip keygen: " + bad + " line 1: ");
        assertThat(Files.readString(bad, UTF_8)).isEqualTo("x\n");

        StringBuilder sixteen = new StringBuilder();
        for (int i = 0; i < Keyring.MAX_KEYS; i++) {
            sixteen.append(KeyFileTest.b64(KeyFileTest.key(i, 32))).append('\n');
        }
        Path full = Files.writeString(dir.resolve("full"), sixteen, UTF_8);
        CliRun over = run("keygen", "--add", full.toString());
        assertThat(over.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(over.err()).contains("more than 16 keys");
        assertThat(Files.readString(full, UTF_8)).isEqualTo(sixteen.toString());
        Path single = dir.resolve("one");
        assertThat(run("keygen", single.toString()).code()).isZero();
        CliRun one = run("keygen", "--promote", single.toString());
        assertThat(one.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(one.err()).contains(single + " holds one key: nothing to promote");
    }

    @Test
    void nodeAndSendRefuseABadKeyFileInOneLineNamingItsLine(@TempDir Path dir) throws Exception {
        Path file =
                Files.writeString(dir.resolve("keys"), KeyFileTest.b64(KeyFileTest.key(1, 32)) + "\n\nAAAA\n", UTF_8);
        for (String[] args : List.of(
                new String[] {"node", "--preset", "local", "--key-file", file.toString()},
                new String[] {"send", "--seed", "127.0.0.1:1", "--key-file", file.toString(), "x"},
                new String[] {"demo", "--nodes", "2", "--key-file", file.toString()})) {
            CliRun run = run(args);
            assertThat(run.code()).as(run.toString()).isEqualTo(GossipCli.EXIT_USAGE);
            assertThat(run.err().strip().lines())
                    .as(run.toString())
                    .singleElement()
                    .asString()
                    .startsWith("gossip " + args[0] + ": --key-file " + file + " line 3: a key of 3 bytes")
                    .doesNotContain("Exception");
        }
        CliRun label = run("node", "--preset", "local", "--cluster-label", "prod");
        assertThat(label.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(label.err()).contains("--cluster-label needs --key-file");
        CliRun empty = run(
                "node",
                "--key-file",
                Files.writeString(dir.resolve("empty"), "").toString());
        assertThat(empty.code()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(empty.err()).contains(dir.resolve("empty") + ": no key");
    }

    @Test
    void demoRunsEncrypted(@TempDir Path dir) throws Exception {
        CliRun run = run("demo", "--nodes", "4", "--messages", "3", "--seed", "7", "--encrypt");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("demo: AES-GCM with a throwaway key, primary ")
                .contains("delivery: 9/9 (100.00%)");

        Path file = dir.resolve("keys");
        assertThat(run("keygen", file.toString()).code()).isZero();
        CliRun withFile = run("demo", "--nodes", "3", "--messages", "2", "--key-file", file.toString());
        assertThat(withFile.code()).as(withFile.toString()).isZero();
        assertThat(withFile.out())
                .contains("demo: AES-GCM with key file " + file + ", primary "
                        + Keyring.fingerprint(KeyFile.read(file).get(0)))
                .contains("delivery: 4/4 (100.00%)");
    }
}
