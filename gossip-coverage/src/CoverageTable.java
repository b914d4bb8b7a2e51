import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the line coverage table of the build: for each module, its lines, those its own tests
 * cover (the figure its {@code coverage.line.minimum} floor checks) and those every test of the
 * build covers (integration tests included, from the aggregate report).
 *
 * <p>Run by gossip-coverage at verify as {@code java CoverageTable.java <root> <aggregate csv>}.
 * Reads JaCoCo's CSV reports: GROUP,PACKAGE,CLASS,..., LINE_MISSED (column 8), LINE_COVERED (9).
 */
public final class CoverageTable {

    private CoverageTable() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java CoverageTable.java <project root> <aggregate jacoco.csv>");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Map<String, long[]> aggregate = read(Path.of(args[1]));
        Map<String, long[]> own = new TreeMap<>();
        try (var modules = Files.list(root)) {
            for (Path module : modules.sorted().toList()) {
                Path csv = module.resolve("target/site/jacoco/jacoco.csv");
                if (Files.isRegularFile(csv)) {
                    own.putAll(read(csv));
                }
            }
        }
        if (own.isEmpty() && aggregate.isEmpty()) {
            System.out.println("No coverage data (tests skipped?): nothing to print.");
            return;
        }
        TreeMap<String, long[]> modules = new TreeMap<>(aggregate);
        own.forEach(modules::putIfAbsent);
        String format = "%-26s %7s %9s %7s %12s %7s%n";
        System.out.println("Line coverage (own: the module's tests; all: every test of the build)");
        System.out.printf(format, "module", "lines", "own", "own %", "all", "all %");
        long[] total = new long[3];
        for (Map.Entry<String, long[]> e : modules.entrySet()) {
            long[] mine = own.get(e.getKey());
            long[] all = aggregate.get(e.getKey());
            long lines = all != null ? all[0] + all[1] : mine[0] + mine[1];
            long ownCovered = mine == null ? 0 : mine[1];
            long allCovered = all == null ? 0 : all[1];
            total[0] += lines;
            total[1] += ownCovered;
            total[2] += allCovered;
            System.out.printf(
                    format,
                    e.getKey(),
                    lines,
                    mine == null ? "-" : ownCovered,
                    mine == null ? "-" : percent(ownCovered, lines),
                    all == null ? "-" : allCovered,
                    all == null ? "-" : percent(allCovered, lines));
        }
        System.out.printf(
                format,
                "total",
                total[0],
                total[1],
                percent(total[1], total[0]),
                aggregate.isEmpty() ? "-" : total[2],
                aggregate.isEmpty() ? "-" : percent(total[2], total[0]));
    }

    /** @return per group (module): {lines missed, lines covered} */
    private static Map<String, long[]> read(Path csv) throws IOException {
        Map<String, long[]> byGroup = new TreeMap<>();
        if (!Files.isRegularFile(csv)) {
            return byGroup;
        }
        List<String> rows = Files.readAllLines(csv);
        for (String row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            String[] cells = row.split(",", -1);
            if (cells.length < 9) {
                continue;
            }
            String group = cells[0].contains("/") ? cells[0].substring(cells[0].lastIndexOf('/') + 1) : cells[0];
            long[] counts = byGroup.computeIfAbsent(group, g -> new long[2]);
            counts[0] += Long.parseLong(cells[7]);
            counts[1] += Long.parseLong(cells[8]);
        }
        return byGroup;
    }

    private static String percent(long covered, long lines) {
        return lines == 0 ? "-" : String.format("%.1f%%", 100.0 * covered / lines);
    }
}
