package io.ringkeeper.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.cloud.CloudProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md must list every key the daemon knows, with the default the daemon really uses. */
class ConfigurationDocsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_.]+)` \\| `([^`]*)` \\|", Pattern.MULTILINE);

    @Test
    void everyKeyIsDocumentedWithItsRealDefault() throws IOException {
        ConfigLoader loader = ConfigLoader.withInstalledProviders();
        Map<String, String> expected = new LinkedHashMap<>();
        flatten("", loader.rootDefaults(), expected);
        for (CloudProvider<?> p : loader.providers()) {
            flatten(p.name(), loader.defaults(p), expected);
        }

        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = ROW.matcher(Files.readString(Path.of("../docs/configuration.md")));
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }

        assertThat(documented).as("docs/configuration.md rows `key` | `default`").containsAllEntriesOf(expected);
        assertThat(expected.keySet()).as("documented keys the daemon does not know").containsAll(documented.keySet());
    }

    /** Leaves of the defaults tree as key path → YAML text; empty mappings and lists are leaves too. */
    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isObject()) {
            out.put(prefix, "{}");
        } else if (node.isArray() && node.isEmpty()) {
            out.put(prefix, "[]");
        } else if (node.isNull()) {
            out.put(prefix, "null");
        } else {
            out.put(prefix, node.asText());
        }
    }
}
