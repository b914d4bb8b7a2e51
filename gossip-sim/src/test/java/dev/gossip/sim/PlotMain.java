package dev.gossip.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws rows saved as CSV by {@code gossip simulate} (or {@link SimulateMain}), for figures made of
 * several runs: {@code PlotMain views OUT.png A.csv B.csv ...} or {@code PlotMain reliability OUT.png
 * A.csv}. Not a test.
 */
public final class PlotMain {

    private PlotMain() {}

    public static void main(String[] args) throws IOException {
        List<String[]> cells = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            List<String> lines = Files.readAllLines(Path.of(args[i]));
            for (String line : lines.subList(1, lines.size())) {
                cells.add(line.split(","));
            }
        }
        Path out = Path.of(args[1]);
        if (args[0].equals("views")) {
            Plots.views(
                    cells.stream()
                            .map(c -> new ViewsRow(
                                    Integer.parseInt(c[0]),
                                    Integer.parseInt(c[1]),
                                    Integer.parseInt(c[2]),
                                    Double.parseDouble(c[3]),
                                    Double.parseDouble(c[4]),
                                    Double.parseDouble(c[5]),
                                    Integer.parseInt(c[6]),
                                    Integer.parseInt(c[7]),
                                    Double.parseDouble(c[8]),
                                    Double.parseDouble(c[9])))
                            .toList(),
                    out);
        } else {
            // CSV written before the dissemination columns existed has 8 columns: a flood then
            Plots.reliability(
                    cells.stream()
                            .map(c -> new ReliabilityRow(
                                    c[0],
                                    Integer.parseInt(c[1]),
                                    Integer.parseInt(c[2]),
                                    Double.parseDouble(c[3]),
                                    Integer.parseInt(c[4]),
                                    Double.parseDouble(c[5]),
                                    Double.parseDouble(c[6]),
                                    Double.parseDouble(c[7]),
                                    c.length > 8 ? c[8] : "flood",
                                    c.length > 8 ? Double.parseDouble(c[9]) : Double.parseDouble(c[7]),
                                    c.length > 8 ? Double.parseDouble(c[10]) : 0,
                                    c.length > 8 ? Double.parseDouble(c[11]) : Double.NaN,
                                    c.length > 12 ? Integer.parseInt(c[12]) : Integer.parseInt(c[4])))
                            .toList(),
                    out);
        }
    }
}
