package dev.gossip.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.jspecify.annotations.Nullable;

/** gossip-bench's shaded {@code benchmarks.jar}, found on disk and run in a child JVM. */
final class BenchJar {

    private static final String RELATIVE = "gossip-bench/target/benchmarks.jar";

    /** The environment variable naming the benchmarks jar. */
    static final String VARIABLE = "GOSSIP_BENCH_JAR";

    private final @Nullable Path jar;
    private final List<Path> tried;

    private BenchJar(@Nullable Path jar, List<Path> tried) {
        this.jar = jar;
        this.tried = tried;
    }

    /**
     * @param explicit the {@code --jar} value, or {@code null}
     * @return the jar found (perhaps none): --jar, $GOSSIP_BENCH_JAR, beside gossip.jar's module,
     *     under the current directory
     */
    static BenchJar locate(@Nullable Path explicit) {
        Set<Path> candidates = new LinkedHashSet<>();
        if (explicit != null) {
            candidates.add(explicit);
        } else {
            String env = System.getenv(VARIABLE);
            if (env != null && !env.isBlank()) {
                candidates.add(Path.of(env));
            }
            Path home = cliHome();
            if (home != null) {
                candidates.add(home.resolve(RELATIVE));
            }
            candidates.add(Path.of(RELATIVE));
        }
        List<Path> tried = new ArrayList<>();
        for (Path candidate : candidates) {
            Path normal = candidate.toAbsolutePath().normalize();
            tried.add(normal);
            if (Files.isRegularFile(normal)) {
                return new BenchJar(normal, tried);
            }
        }
        return new BenchJar(null, tried);
    }

    /** @return the project directory when running from gossip-cli/target/gossip.jar, else null */
    private static @Nullable Path cliHome() {
        try {
            CodeSource source = GossipCli.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            Path target = location.getParent(); // target/ holds gossip.jar and classes/
            Path module = target == null ? null : target.getParent();
            return module == null ? null : module.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @param mainClass the class to run, or {@code null} for the jar's main (JMH)
     * @param args passed on unchanged
     * @param err where a failure is explained, in one line
     * @return the child's exit code, or 1 if it could not run
     */
    int run(@Nullable String mainClass, List<String> args, PrintWriter err) {
        return run("gossip bench", "JMH suite", mainClass, args, err);
    }

    /**
     * @param name the command, for messages ("gossip bench race")
     * @param what what {@code mainClass} runs, for messages ("race benchmark")
     * @param mainClass the class to run, or {@code null} for the jar's main (JMH)
     * @param args passed on unchanged
     * @param err where a failure is explained, in one line
     * @return the child's exit code, or 1 if it could not run
     */
    int run(String name, String what, @Nullable String mainClass, List<String> args, PrintWriter err) {
        if (jar == null) {
            return fail(
                    err,
                    name + ": benchmarks.jar not found (tried " + tried + "); build it with "
                            + "'mvn -pl gossip-bench -am package' or give --jar PATH");
        }
        if (mainClass != null && !contains(jar, mainClass)) {
            return fail(
                    err,
                    name + ": " + mainClass + " is not in " + jar + " (the " + what
                            + " is not built into this gossip-bench)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (mainClass == null) {
            command.addAll(List.of("-jar", jar.toString()));
        } else {
            command.addAll(List.of("-cp", jar.toString(), mainClass));
        }
        command.addAll(args);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            return fail(err, name + ": could not start " + command.get(0) + ": " + ShortErrors.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, name + ": interrupted");
        }
    }

    private static boolean contains(Path jar, String className) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(className.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println(message);
        err.flush();
        return GossipCli.EXIT_FAILURE;
    }
}
