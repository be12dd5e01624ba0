package io.github.otaconnect.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table with columns as wide as their widest cell. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    TextTable row(Object... cells) {
        String[] row = new String[columns];
        for (int k = 0; k < columns; k++) {
            row[k] = k < cells.length ? format(cells[k]) : "";
        }
        rows.add(row);
        return this;
    }

    void print(PrintStream out) {
        boolean[] numeric = new boolean[columns];
        for (int k = 0; k < columns; k++) {
            numeric[k] = true;
            for (int r = 1; r < rows.size(); r++) {
                numeric[k] &= rows.get(r)[k].matches("[-+]?[0-9.,]*|-|");
            }
        }
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int k = 0; k < columns; k++) {
                widths[k] = Math.max(widths[k], row[k].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < columns; k++) {
                String cell = rows.get(r)[k];
                line.append(k == 0 ? "" : "  ");
                line.append(pad(cell, widths[k], numeric[k]));
            }
            out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int k = 0; k < columns; k++) {
                    rule.append(k == 0 ? "" : "  ").append("-".repeat(widths[k]));
                }
                out.println(rule);
            }
        }
    }

    static String format(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.1f", d);
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) value).longValue());
        }
        return value.toString();
    }

    private static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - text.length()));
        return right ? fill + text : text + fill;
    }
}
