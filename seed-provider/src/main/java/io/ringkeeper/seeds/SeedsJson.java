package io.ringkeeper.seeds;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the daemon's answer, {@code {"seeds": ["10.0.0.1", "10.0.0.2:7000", "[2001:db8::1]:7000"]}}. Other fields
 * are allowed and ignored as long as they are strings, numbers, booleans or null (the contract only promises
 * "seeds"). Hand-written because this jar may use nothing beyond what every Cassandra version ships.
 */
final class SeedsJson {
    private final String text;
    private int pos;

    private SeedsJson(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException when the body is not an object holding a "seeds" array of strings */
    static List<String> parse(String body) {
        SeedsJson p = new SeedsJson(body);
        p.skipSpace();
        List<String> seeds = p.object();
        p.skipSpace();
        if (p.pos != body.length()) {
            throw p.error("trailing characters");
        }
        if (seeds == null) {
            throw new IllegalArgumentException("no \"seeds\" field");
        }
        return seeds;
    }

    private List<String> object() {
        expect('{');
        List<String> seeds = null;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return null;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (key.equals("seeds")) {
                seeds = stringArray();
            } else {
                scalar();
            }
            skipSpace();
            char c = next();
            if (c == '}') {
                return seeds;
            }
            if (c != ',') {
                throw error("expected , or }");
            }
        }
    }

    private List<String> stringArray() {
        expect('[');
        List<String> values = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return values;
        }
        while (true) {
            skipSpace();
            values.add(string());
            skipSpace();
            char c = next();
            if (c == ']') {
                return values;
            }
            if (c != ',') {
                throw error("expected , or ]");
            }
        }
    }

    private void scalar() {
        char c = peek();
        if (c == '"') {
            string();
            return;
        }
        int start = pos;
        while (pos < text.length() && "-+.eE0123456789truefalsn".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (pos == start) {
            throw error("unsupported value (only strings, numbers, booleans and null besides \"seeds\")");
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("bad escape");
                }
            } else {
                sb.append(c);
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected " + c);
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + pos);
    }
}
