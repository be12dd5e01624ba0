package io.github.otaconnect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class ReadmeConfigTableTest {

    private final String rendering = ConfigDocTable.render(OtaSourceConnectorConfig.configDef());

    @Test
    void readmeConfigurationTableIsCurrent() throws IOException {
        String readme = Files.readString(ConfigDocTable.README, StandardCharsets.UTF_8);

        assertEquals(rendering, ConfigDocTable.README_SECTION.contentOf(readme),
                "README.md's configuration table differs from OtaSourceConnectorConfig.configDef(); regenerate "
                        + "it with: " + ConfigDocTable.REGENERATE_COMMAND);
    }

    @Test
    void everySettingIsListedOnceUnderItsGroup() {
        ConfigDef def = OtaSourceConnectorConfig.configDef();

        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            String row = rowOf(key.name);
            int heading = rendering.indexOf("\n### " + key.group + "\n");
            int nextHeading = rendering.indexOf("\n### ", heading + 1);
            int at = rendering.indexOf(row);
            assertTrue(heading >= 0 && at > heading && (nextHeading < 0 || at < nextHeading),
                    key.name + " is not listed under " + key.group);
            assertEquals(at, rendering.lastIndexOf(row), key.name + " is listed twice");
        }
    }

    @Test
    void groupsAppearInTheOrderTheyAreDefined() {
        List<String> groups = OtaSourceConnectorConfig.configDef().groups();

        for (int i = 1; i < groups.size(); i++) {
            assertTrue(rendering.indexOf("### " + groups.get(i - 1)) < rendering.indexOf("### " + groups.get(i)),
                    groups.get(i - 1) + " should come before " + groups.get(i));
        }
    }

    @Test
    void passwordsShowNoValueAndRequiredSettingsNoDefault() {
        assertTrue(rendering.contains(rowOf(OtaSourceConnectorConfig.ACCESS_KEY_SECRET) + " password |  |"));
        assertTrue(rendering.contains(rowOf(OtaSourceConnectorConfig.SECURITY_TOKEN) + " password | `null` |"));
        assertTrue(rendering.contains(rowOf(OtaSourceConnectorConfig.ACCESS_KEY_ID) + " string |  |"));
        assertFalse(rendering.contains("[hidden]"));
    }

    @Test
    void cellTextCannotBreakTheTable() {
        ConfigDef def = new ConfigDef().define("x.mode", ConfigDef.Type.STRING, "a|b",
                ConfigDef.Importance.LOW, "Either a|b or <other>,\nnever both.", "G", 1, ConfigDef.Width.SHORT, "X");

        String row = ConfigDocTable.render(def).lines().filter(line -> line.startsWith(rowOf("x.mode")))
                .findFirst().orElseThrow();

        assertEquals("| `x.mode` | string | `a\\|b` |  | low | Either a\\|b or &lt;other&gt;, never both. |", row);
    }

    @Test
    void rewritingTheSectionLeavesTheRestOfTheDocumentAlone() {
        String document = "# Title\n\nbefore\n<!-- config-table:start -->\nold\n<!-- config-table:end -->\nafter\n";

        String updated = ConfigDocTable.README_SECTION.replaceContent(document, "\nnew\n");

        assertEquals("# Title\n\nbefore\n<!-- config-table:start -->\nnew\n<!-- config-table:end -->\nafter\n",
                updated);
        assertThrows(IllegalStateException.class,
                () -> ConfigDocTable.README_SECTION.contentOf("no markers here"));
    }

    private static String rowOf(String name) {
        return "| `" + name + "` |";
    }
}
