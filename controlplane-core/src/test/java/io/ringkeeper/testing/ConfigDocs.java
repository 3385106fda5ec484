package io.ringkeeper.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks docs/configuration.md against a defaults tree: every key has a row {@code | `key` | `default` |}
 * with the default the daemon really uses, and no row names a key the daemon does not know.
 */
public final class ConfigDocs {
    /** Text YAML would read as a number, a boolean or null unless quoted. */
    private static final Pattern READ_AS_NON_TEXT = Pattern.compile("[-+]?([0-9]+|[0-9]*\\.[0-9]+)([eE][-+]?[0-9]+)?|true|false|null|yes|no|on|off|~",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_.]+)` \\| `([^`]*)` \\|", Pattern.MULTILINE);

    private ConfigDocs() {
    }

    /** The path of docs/configuration.md seen from a module's directory (where tests run). */
    public static Path page() {
        return Path.of("../docs/configuration.md");
    }

    /**
     * @param prefix the key path the defaults sit at ("" for the root keys, "aws" for the aws section)
     * @param owned  rows whose key starts with this belong to this check ("" = rows not owned by a section
     *               another check covers; pass the section names to leave out in {@code others})
     */
    public static void assertDocumented(String prefix, JsonNode defaults, String... others) throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        flatten(prefix, defaults, expected);
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = ROW.matcher(Files.readString(page()));
        while (m.find()) {
            String key = m.group(1);
            boolean mine = prefix.isEmpty() ? java.util.Arrays.stream(others).noneMatch(o -> key.startsWith(o + "."))
                    : key.startsWith(prefix + ".");
            if (mine) {
                documented.put(key, m.group(2));
            }
        }
        assertThat(documented).as("docs/configuration.md rows `key` | `default` |").containsAllEntriesOf(expected);
        assertThat(expected.keySet()).as("keys documented in docs/configuration.md that the daemon does not know")
                .containsAll(documented.keySet());
    }

    /** Leaves of the defaults tree as key path → YAML text; empty mappings and lists are leaves too. */
    static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isObject()) {
            out.put(prefix, "{}");
        } else if (node.isArray()) {
            java.util.List<String> items = new java.util.ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            out.put(prefix, "[" + String.join(", ", items) + "]");
        } else if (node.isNull()) {
            out.put(prefix, "null");
        } else if (node.isTextual() && (node.asText().isEmpty() || READ_AS_NON_TEXT.matcher(node.asText()).matches())) {
            out.put(prefix, "\"" + node.asText() + "\""); // as it must be written in YAML to stay text
        } else {
            out.put(prefix, node.asText());
        }
    }
}
