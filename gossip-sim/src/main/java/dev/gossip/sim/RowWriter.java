package dev.gossip.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes experiment rows as CSV (RFC 4180, a header line, {@code \n} line ends) or as a table
 * aligned for a terminal. Numbers are written the same on every machine: integers as they are,
 * other numbers with {@value #DECIMALS} decimals and a {@code .}.
 */
public final class RowWriter {

    /** Decimals written for a non-integer number. */
    public static final int DECIMALS = 4;

    private RowWriter() {}

    /** The output formats. */
    public enum Format {
        /** Comma-separated values with a header line. */
        CSV,
        /** Columns aligned with spaces, a header and a rule, for reading. */
        TABLE
    }

    /**
     * Writes rows in a format.
     *
     * @param rows the rows, all with the same columns; none writes nothing
     * @param format the format
     * @param out where to write
     * @throws UncheckedIOException if {@code out} fails
     */
    public static void write(List<? extends Row> rows, Format format, Appendable out) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        try {
            if (format == Format.CSV) {
                csv(rows, out);
            } else {
                table(rows, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param rows the rows
     * @param format the format
     * @return the text
     */
    public static String toString(List<? extends Row> rows, Format format) {
        StringBuilder out = new StringBuilder();
        write(rows, format, out);
        return out.toString();
    }

    private static void csv(List<? extends Row> rows, Appendable out) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        line(rows.get(0).columns().stream().map(RowWriter::quote).toList(), out, ",");
        for (Row row : rows) {
            line(row.values().stream().map(v -> quote(cell(v))).toList(), out, ",");
        }
    }

    private static void table(List<? extends Row> rows, Appendable out) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        List<String> header = rows.get(0).columns();
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            cells.add(row.values().stream().map(RowWriter::cell).toList());
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> line : cells) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        out.append(pad(header, width)).append('\n');
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        out.append(pad(rule, width)).append('\n');
        for (List<String> line : cells) {
            out.append(pad(line, width)).append('\n');
        }
    }

    private static String pad(List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            String cell = cells.get(i);
            line.append(" ".repeat(width[i] - cell.length())).append(cell);
        }
        return line.toString();
    }

    private static void line(List<String> cells, Appendable out, String separator) throws IOException {
        out.append(String.join(separator, cells)).append('\n');
    }

    static String cell(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return "";
            }
            return String.format(Locale.ROOT, "%." + DECIMALS + "f", d);
        }
        return String.valueOf(value);
    }

    private static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
