package io.ringkeeper.backup;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a snapshot's {@code schema.cql} (types, the table with its id, dropped columns, indexes) into the statements
 * a driver runs one at a time: at each {@code ;} outside a quoted string, a quoted name, a {@code $$} block or a
 * comment.
 */
final class SchemaText {
    private SchemaText() {
    }

    static List<String> statements(String cql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = cql.length();
        while (i < n) {
            char c = cql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closing(cql, i + 1, c);
                current.append(cql, i, end);
                i = end;
            } else if (c == '$' && i + 1 < n && cql.charAt(i + 1) == '$') {
                int end = cql.indexOf("$$", i + 2);
                end = end < 0 ? n : end + 2;
                current.append(cql, i, end);
                i = end;
            } else if ((c == '-' && cql.startsWith("--", i)) || (c == '/' && cql.startsWith("//", i))) {
                int end = cql.indexOf('\n', i);
                i = end < 0 ? n : end; // a comment is not part of a statement
            } else if (c == '/' && cql.startsWith("/*", i)) {
                int end = cql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';') {
                add(out, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(out, current);
        return out;
    }

    /** The index just past the quote closing the one before {@code from} (a doubled quote is an escaped one). */
    private static int closing(String s, int from, char quote) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static void add(List<String> out, StringBuilder current) {
        String s = current.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        current.setLength(0);
    }
}
