package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code gossip simulate}, run in-process on small sizes. */
class SimulateCommandTest {

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

    @Test
    void viewsAsCsvWithAPlotAndTheSameOutputForTheSameSeed(@TempDir Path dir) {
        Path png = dir.resolve("views.png");
        CliRun first = run(
                "simulate",
                "views",
                "--nodes",
                "200,400",
                "--c",
                "0,1",
                "--runs",
                "2",
                "--seed",
                "5",
                "--plot",
                png.toString());
        CliRun second = run("simulate", "views", "--nodes", "200,400", "--c", "0,1", "--runs", "2", "--seed", "5");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .startsWith("n,c,runs,mean_pv,sd_pv,expected_pv,min_pv,max_pv,mean_inview")
                .hasLineCount(5)
                .isEqualTo(second.out());
        assertThat(first.err()).contains("views n=400 c=1 run 2/2: 400/400");
        assertThat(png).isRegularFile();
    }

    @Test
    void reliabilityAsATable() {
        CliRun run = run(
                "simulate",
                "reliability",
                "--nodes",
                "300",
                "--c",
                "1",
                "--trials",
                "2",
                "--fail",
                "0,0.2",
                "--format",
                "table");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("p_all_reached")
                .contains(" scamp")
                .contains("global")
                .hasLineCount(6);
    }

    @Test
    void reliabilityWithTheTreeBesideTheFlood() {
        CliRun run = run(
                "simulate",
                "reliability",
                "--nodes",
                "300",
                "--c",
                "1",
                "--trials",
                "2",
                "--fail",
                "0,0.3",
                "--protocols",
                "scamp",
                "--dissemination",
                "flood,tree",
                "--warmup",
                "10",
                "--seed",
                "2");
        assertThat(run.code()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0])
                .isEqualTo("protocol,n,c,fail,trials,p_all_reached,mean_frac_reached,msgs_per_node,"
                        + "dissemination,payload_msgs_per_node,control_msgs_per_node,last_delivery_hop,overlays");
        assertThat(lines[1]).startsWith("scamp,300,1,0.0000,2,1.0000,1.0000,").contains(",flood,");
        assertThat(lines[1].split(",")[10])
                .as("a flood sends no control datagram")
                .isEqualTo("0.0000");
        String[] tree = lines[3].split(",");
        assertThat(tree[8]).isEqualTo("tree");
        assertThat(Double.parseDouble(tree[9]))
                .as("payloads per node on a formed tree")
                .isLessThan(1.0);
        assertThat(Double.parseDouble(tree[10])).as("announcements").isPositive();
        assertThat(run.err()).contains("reliability scamp tree n=300 c=1: 2/2");
    }

    @Test
    void reliabilityCsvIsTheSameWithOneAndTwoThreadsAndCountsOverlays() {
        String[] args = {
            "simulate",
            "reliability",
            "--nodes",
            "400",
            "--c",
            "1,2",
            "--fail",
            "0,0.3,0.5",
            "--trials",
            "6",
            "--patterns",
            "3",
            "--seed",
            "8",
            "--threads",
            "1"
        };
        CliRun one = run(args);
        args[args.length - 1] = "2";
        CliRun two = run(args);
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(two.code()).as(two.err()).isZero();
        assertThat(two.out()).as("seed 8").isEqualTo(one.out());
        assertThat(one.out()).contains("\nscamp,400,2,0.3000,6,").hasLineCount(13);
        for (String line : one.out().split("\n")) {
            String[] cells = line.split(",");
            assertThat(cells[12])
                    .as(line)
                    .isEqualTo(cells[0].equals("scamp") ? "2" : cells[0].equals("global") ? "0" : "overlays");
        }
        assertThat(one.err())
                .contains("reliability scamp n=400 c=2: 6/6")
                .containsPattern("reliability done: [0-9.]+ s wall, 1 thread\n");
        assertThat(two.err()).containsPattern("reliability done: [0-9.]+ s wall, 2 threads\n");
    }

    @Test
    void progressEstimatesTheTimeLeft() {
        java.io.StringWriter text = new java.io.StringWriter();
        long[] now = {0};
        SimulateCommand.LineProgress progress =
                new SimulateCommand.LineProgress(new java.io.PrintWriter(text), () -> now[0]);
        progress.report("stage", 0, 100);
        now[0] = 1_000_000_000L;
        progress.report("stage", 10, 100);
        now[0] = 10_000_000_000L;
        progress.report("stage", 25, 100);
        now[0] = 40_000_000_000L;
        progress.report("stage", 100, 100);
        progress.finish("views", 2);
        assertThat(text.toString())
                .isEqualTo("[   0.0s] stage: 0/100\n"
                        + "[  10.0s] stage: 25/100, ETA 30s\n"
                        + "[  40.0s] stage: 100/100\n"
                        + "[  40.0s] views done: 40.0 s wall, 2 threads\n");
        assertThat(SimulateCommand.LineProgress.duration(42.4)).isEqualTo("42s");
        assertThat(SimulateCommand.LineProgress.duration(125)).isEqualTo("2m05s");
        assertThat(SimulateCommand.LineProgress.duration(3 * 3600 + 7 * 60)).isEqualTo("3h07m");
    }

    @Test
    void churnRunsOnePerSeed() {
        CliRun run = run(
                "simulate",
                "churn",
                "--nodes",
                "100",
                "--c",
                "1",
                "--duration",
                "40s",
                "--sample",
                "20s",
                "--seeds",
                "4,5",
                "--threads",
                "2");
        assertThat(run.code()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(7);
        assertThat(lines[0]).startsWith("time_s,up,").endsWith(",resubscriptions,seed");
        assertThat(lines[1]).startsWith("0.0000,100,").endsWith(",4");
        assertThat(lines[6]).startsWith("40.0000,100,").endsWith(",5");
        assertThat(run.err()).contains("seed=5").contains("churn done: ");
    }

    @Test
    void churnSamples() {
        CliRun run = run("simulate", "churn", "--nodes", "100", "--c", "1", "--duration", "1m", "--sample", "20s");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("time_s,up,").hasLineCount(5);
    }

    @Test
    void scaleJoinsEveryNodeAndReachesEveryNodeWithOneBroadcast() {
        CliRun run = run("simulate", "scale", "--nodes", "300", "--seed", "3");
        assertThat(run.code()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0])
                .isEqualTo("n,c,seed,join_s,join_events,ns_per_event,mean_pv,dropped,broadcast_s,"
                        + "reached,messages,hops,heap_gb,bytes_per_node");
        String[] values = lines[1].split(",");
        assertThat(values[0]).isEqualTo("300");
        assertThat(values[1]).as("c defaults to 1 for scale").isEqualTo("1");
        assertThat(values[9]).as("reached").isEqualTo("300");
        assertThat(Double.parseDouble(values[6])).as("mean PV").isGreaterThan(5);
        assertThat(run.err()).contains("broadcast: 1/1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "simulate",
                "simulate nothing",
                "simulate views --format xml",
                "simulate views --nodes 1",
                "simulate reliability --nodes 100,200",
                "simulate scale --nodes 100,200",
                "simulate scale --nodes 0",
                "simulate views --c 65",
                "simulate reliability --dissemination gossip",
                "simulate reliability --dissemination tree,tree",
                "simulate reliability --warmup -1",
                "simulate reliability --threads 0",
                "simulate reliability --patterns 0",
                "simulate reliability --patterns 2 --trial-offset 3",
                "simulate reliability --trial-offset -2",
                "simulate churn --seeds 1,1",
            })
    void usageErrorsExitWithTwo(String line) throws Exception {
        CliRun run = run(line.split(" "));
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(GossipCli.EXIT_USAGE);
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(Files.exists(Path.of("x"))).isFalse();
    }
}
