package io.ringkeeper.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the YAML an operator writes into a JSON tree, strictly and with bounded work: one document, no aliases,
 * no tags but {@code !!str}, no key given twice in a mapping, at most {@link #MAX_CHARS} characters, {@link #MAX_DEPTH}
 * levels and {@link #MAX_VALUES} values. Each refusal is a {@link ConfigException} of one line with the file, the line
 * and, where there is one, the key path.
 *
 * <p>Built from the parser's events rather than a generic YAML-to-JSON mapper because such mappers read an alias
 * ({@code *name}) as the text of its name, ignore a second document and unknown tags, and report a duplicate key
 * without where it sits. Scalars resolve as YAML 1.1 (what Cassandra's own SnakeYAML does: {@code yes} is true,
 * {@code 010} is 8), except that {@code 1:30} stays text.
 */
final class YamlTree {
    static final int MAX_CHARS = 256 * 1024;
    static final int MAX_DEPTH = 32;
    static final int MAX_VALUES = 100_000;

    private static final Resolver RESOLVER = new Resolver();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String shown;
    private final Parser parser;
    private int values;

    private YamlTree(String shown, String text) {
        this.shown = shown;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS + 1);
        options.setNestingDepthLimit(MAX_DEPTH + 1);
        this.parser = new ParserImpl(new StreamReader(text), options);
    }

    /**
     * The document's root, or null for an empty document.
     *
     * @param shown the file name for errors
     */
    static JsonNode read(String shown, String text) {
        if (text.length() > MAX_CHARS) {
            throw new ConfigException(shown + ": the file is " + text.length() + " characters long; a config file holds at most "
                    + MAX_CHARS + " (a longer one is not something to read at start-up)");
        }
        try {
            return new YamlTree(shown, text).document();
        } catch (MarkedYAMLException e) {
            throw syntax(shown, e);
        } catch (YAMLException e) {
            throw new ConfigException(shown + ": not valid YAML: " + e.getMessage());
        }
    }

    private JsonNode document() {
        expect(Event.ID.StreamStart);
        if (parser.checkEvent(Event.ID.StreamEnd)) {
            return null;
        }
        expect(Event.ID.DocumentStart);
        JsonNode root = node("", 0);
        expect(Event.ID.DocumentEnd);
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            Event next = parser.peekEvent();
            throw new ConfigException(at(next.getStartMark()) + ": a second YAML document starts here (after ---); "
                    + "a config file is one document: remove the second one, or merge it into the first");
        }
        return root;
    }

    private JsonNode node(String path, int depth) {
        Event e = parser.getEvent();
        if (++values > MAX_VALUES) {
            throw new ConfigException(at(e.getStartMark()) + ": more than " + MAX_VALUES + " values; a config file is not that big");
        }
        if (e instanceof AliasEvent alias) {
            throw new ConfigException(at(e.getStartMark()) + ": " + where(path) + "the YAML alias *" + clip(alias.getAnchor())
                    + " is not supported; write the value out in full");
        }
        if (e instanceof ScalarEvent scalar) {
            return scalar(scalar, path);
        }
        if (!(e instanceof CollectionStartEvent start)) {
            throw new ConfigException(at(e.getStartMark()) + ": " + where(path) + "unexpected " + e.getEventId());
        }
        if (start.getTag() != null && !start.getImplicit() && !Tag.MAP.getValue().equals(start.getTag())
                && !Tag.SEQ.getValue().equals(start.getTag())) {
            throw unsupportedTag(start.getTag(), e.getStartMark(), path);
        }
        if (depth >= MAX_DEPTH) {
            throw new ConfigException(at(e.getStartMark()) + ": " + where(path) + "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (e.is(Event.ID.SequenceStart)) {
            ArrayNode list = NODES.arrayNode();
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                list.add(node(path + "[" + list.size() + "]", depth + 1));
            }
            parser.getEvent();
            return list;
        }
        ObjectNode map = NODES.objectNode();
        Map<String, Integer> lines = new HashMap<>();
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Event keyEvent = parser.getEvent();
            if (!(keyEvent instanceof ScalarEvent key)) {
                throw new ConfigException(at(keyEvent.getStartMark()) + ": " + where(path)
                        + "a key must be plain text, not a list, a mapping or an alias");
            }
            if (explicitTag(key) && !Tag.STR.getValue().equals(key.getTag())) {
                throw unsupportedTag(key.getTag(), keyEvent.getStartMark(), path);
            }
            String name = key.getValue();
            String keyPath = path.isEmpty() ? name : path + "." + name;
            int line = keyEvent.getStartMark().getLine() + 1;
            Integer first = lines.putIfAbsent(name, line);
            if (first != null) {
                throw new ConfigException(at(keyEvent.getStartMark()) + ": " + clip(keyPath) + ": given twice in the same mapping"
                        + " (lines " + first + " and " + line + "); keep one");
            }
            map.set(name, node(keyPath, depth + 1));
        }
        parser.getEvent();
        return map;
    }

    private JsonNode scalar(ScalarEvent e, String path) {
        String text = e.getValue();
        boolean plain = e.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
        if (explicitTag(e)) {
            if (!Tag.STR.getValue().equals(e.getTag())) {
                throw unsupportedTag(e.getTag(), e.getStartMark(), path);
            }
            return NODES.textNode(text);
        }
        if (!plain) {
            return NODES.textNode(text);
        }
        Tag tag = RESOLVER.resolve(NodeId.scalar, text, true);
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            String t = text.toLowerCase(java.util.Locale.ROOT);
            return NODES.booleanNode(t.equals("true") || t.equals("yes") || t.equals("on"));
        }
        if (Tag.INT.equals(tag) && text.indexOf(':') < 0) {
            return integer(text);
        }
        if (Tag.FLOAT.equals(tag) && text.indexOf(':') < 0 && !text.contains("inf") && !text.contains("nan")
                && !text.contains("Inf") && !text.contains("NaN") && !text.contains("INF") && !text.contains("NAN")) {
            try {
                return NODES.numberNode(Double.parseDouble(text.replace("_", "")));
            } catch (NumberFormatException e2) {
                return NODES.textNode(text);
            }
        }
        return NODES.textNode(text);
    }

    /** Whether the scalar carries a tag of its own ({@code !!str 5}); the non-specific tag {@code !} does not count. */
    private static boolean explicitTag(ScalarEvent e) {
        return e.getTag() != null && !"!".equals(e.getTag());
    }

    /** A YAML 1.1 integer: sign, then decimal, 0b binary, 0x hex or 0 octal, with '_' as a separator. */
    private static JsonNode integer(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0b")) {
            radix = 2;
            t = t.substring(2);
        } else if (t.startsWith("0x")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty() || t.length() > 64) {
            return NODES.textNode(text);
        }
        BigInteger value;
        try {
            value = new BigInteger(t, radix);
        } catch (NumberFormatException e) {
            return NODES.textNode(text); // e.g. 09: not octal; the binder says what the key wants
        }
        if (negative) {
            value = value.negate();
        }
        if (value.bitLength() < 32) {
            return NODES.numberNode(value.intValue());
        }
        if (value.bitLength() < 64) {
            return NODES.numberNode(value.longValue());
        }
        return NODES.numberNode(value);
    }

    private void expect(Event.ID id) {
        Event e = parser.getEvent();
        if (!e.is(id)) {
            throw new ConfigException(at(e.getStartMark()) + ": not valid YAML: expected " + id + ", found " + e.getEventId());
        }
    }

    private ConfigException unsupportedTag(String tag, Mark mark, String path) {
        return new ConfigException(at(mark) + ": " + where(path) + "the YAML tag " + clip(tag)
                + " is not supported; write the value without a tag");
    }

    private String at(Mark mark) {
        return mark == null ? shown : shown + ":" + (mark.getLine() + 1);
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : clip(path) + ": ";
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 60) + "... (" + s.length() + " characters)" : s;
    }

    /** Where the broken construct starts (the context), then what is wrong and where, when that is elsewhere. */
    static ConfigException syntax(String shown, MarkedYAMLException e) {
        Mark context = e.getContextMark();
        Mark problem = e.getProblemMark();
        Mark first = context != null ? context : problem;
        String where = first == null ? shown : shown + ":" + (first.getLine() + 1) + ":" + (first.getColumn() + 1);
        StringBuilder text = new StringBuilder();
        if (e.getContext() != null) {
            text.append(e.getContext());
        }
        if (e.getProblem() != null) {
            text.append(text.isEmpty() ? "" : ": ").append(e.getProblem());
            if (problem != null && context != null && problem.getLine() != context.getLine()) {
                text.append(" (line ").append(problem.getLine() + 1).append(", column ").append(problem.getColumn() + 1).append(')');
            }
        }
        return new ConfigException(where + ": not valid YAML: " + (text.isEmpty() ? "unreadable" : text));
    }
}
