package io.github.otaconnect.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Renders the connector's {@link ConfigDef} as the README's configuration reference: one Markdown table per
 * configuration group, in the order the groups and keys are defined. Run as a program it rewrites the
 * README's generated section in place:
 * <pre>mvn -B -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.otaconnect.source.ConfigDocTable</pre>
 * (from the project directory; an argument names another file than {@code README.md}).
 */
public final class ConfigDocTable {

    static final String REGENERATE_COMMAND = "mvn -B -q -o test-compile exec:java -Dexec.classpathScope=test "
            + "-Dexec.mainClass=" + ConfigDocTable.class.getName();
    static final MarkedSection README_SECTION =
            new MarkedSection("<!-- config-table:start -->", "<!-- config-table:end -->");
    static final Path README = Path.of("README.md");

    private static final String NO_GROUP = "Other";

    private ConfigDocTable() {
    }

    public static void main(String[] args) throws IOException {
        Path readme = args.length > 0 ? Path.of(args[0]) : README;
        String document = Files.readString(readme, StandardCharsets.UTF_8);
        String updated = README_SECTION.replaceContent(document, render(OtaSourceConnectorConfig.configDef()));
        if (updated.equals(document)) {
            System.out.println(readme + ": configuration table already current");
            return;
        }
        Files.writeString(readme, updated, StandardCharsets.UTF_8);
        System.out.println(readme + ": configuration table rewritten");
    }

    /** The text that belongs between the README's markers, starting and ending with a line break. */
    static String render(ConfigDef def) {
        StringBuilder out = new StringBuilder("\n");
        out.append("Generated from the connector's ConfigDef (`").append(REGENERATE_COMMAND)
                .append("` rewrites it); a setting without a default is required.\n");
        for (String group : groups(def)) {
            out.append("\n### ").append(group).append("\n\n");
            out.append("| Name | Type | Default | Valid values | Importance | Description |\n");
            out.append("|---|---|---|---|---|---|\n");
            keysOf(def, group).forEach(key -> out.append(row(key)));
        }
        return out.toString();
    }

    private static List<String> groups(ConfigDef def) {
        List<String> groups = new java.util.ArrayList<>(def.groups());
        if (def.configKeys().values().stream().anyMatch(key -> key.group == null)) {
            groups.add(NO_GROUP);
        }
        return groups;
    }

    private static List<ConfigKey> keysOf(ConfigDef def, String group) {
        return def.configKeys().values().stream()
                .filter(key -> !key.internalConfig)
                .filter(key -> Objects.equals(key.group == null ? NO_GROUP : key.group, group))
                .sorted(Comparator.comparingInt((ConfigKey key) -> key.orderInGroup).thenComparing(key -> key.name))
                .toList();
    }

    private static String row(ConfigKey key) {
        return "| " + code(key.name)
                + " | " + key.type.name().toLowerCase(Locale.ROOT)
                + " | " + defaultOf(key)
                + " | " + text(key.validator == null ? "" : key.validator.toString())
                + " | " + key.importance.name().toLowerCase(Locale.ROOT)
                + " | " + text(key.documentation == null ? "" : key.documentation)
                + " |\n";
    }

    private static String defaultOf(ConfigKey key) {
        if (!key.hasDefault()) {
            return "";
        }
        if (key.defaultValue == null) {
            return code("null");
        }
        if (key.type == ConfigDef.Type.PASSWORD) {
            // A password's default is never printed, not even in documentation.
            return "(hidden)";
        }
        String value = ConfigDef.convertToString(key.defaultValue, key.type);
        return code(value.isEmpty() ? "\"\"" : value);
    }

    private static String code(String value) {
        return "`" + value.replace("|", "\\|") + "`";
    }

    /**
     * Text safe inside a table cell: pipes would end the cell, and angle brackets (as in
     * {@code <prefix>.jobs}) would be taken for HTML tags and vanish.
     */
    private static String text(String value) {
        return value.replace("\\", "\\\\")
                .replace("|", "\\|")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replaceAll("\\s*\\R\\s*", " ");
    }
}
