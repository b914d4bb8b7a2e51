package dev.gossip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiment plumbing: rows, determinism, output. */
class ExperimentsTest {

    @Test
    void sameSeedGivesTheSameCsvAndPlotsAreWritten(@TempDir Path dir) throws Exception {
        ViewsConfig views =
                ViewsConfig.builder().nodes(List.of(200, 400)).runs(2).seed(9).build();
        ReliabilityConfig reliability = ReliabilityConfig.builder()
                .nodes(300)
                .trials(3)
                .fails(List.of(0.0, 0.3))
                .seed(9)
                .build();
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<ViewsRow> v = Experiments.views(views, Progress.none());
            List<ReliabilityRow> r = Experiments.reliability(reliability, Progress.none());
            outputs.add(RowWriter.toString(v, RowWriter.Format.CSV) + RowWriter.toString(r, RowWriter.Format.CSV));
            if (i == 0) {
                Plots.views(v, dir.resolve("views.png"));
                Plots.reliability(r, dir.resolve("reliability.png"));
            }
        }
        assertThat(outputs.get(1)).isEqualTo(outputs.get(0));
        assertThat(outputs.get(0))
                .startsWith("n,c,runs,mean_pv,sd_pv,expected_pv,min_pv,max_pv,mean_inview,dropped_per_run\n200,0,2,");
        assertThat(outputs.get(0))
                .contains(
                        "protocol,n,c,fail,trials,p_all_reached,mean_frac_reached,msgs_per_node,dissemination,"
                                + "payload_msgs_per_node,control_msgs_per_node,last_delivery_hop,overlays\nscamp,300,0,0.0000,3,");
        for (String png : List.of("views.png", "reliability.png")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(png));
            assertThat(bytes).hasSizeGreaterThan(10_000);
            assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("PNG");
        }
    }

    @Test
    void tableAlignsColumns() {
        List<ViewsRow> rows = List.of(
                new ViewsRow(1000, 1, 3, 12.5, 3.25, 13.8155, 2, 30, 12.5, 0),
                new ViewsRow(10000, 1, 3, 17.0, 4.0, 18.4207, 2, 41, 17.0, 1.5));
        String table = RowWriter.toString(rows, RowWriter.Format.TABLE);
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.stream().map(String::length).distinct()).hasSize(1);
        assertThat(lines.get(2)).contains("12.5000").startsWith(" 1000");
    }

    @Test
    void csvQuotesCellsThatNeedIt() {
        Row row = new Row() {
            @Override
            public List<String> columns() {
                return List.of("a", "b");
            }

            @Override
            public List<Object> values() {
                return List.of("x,y", "say \"hi\"");
            }
        };
        assertThat(RowWriter.toString(List.of(row), RowWriter.Format.CSV))
                .isEqualTo("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n");
    }
}
