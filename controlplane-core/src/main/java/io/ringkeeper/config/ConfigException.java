package io.ringkeeper.config;

/**
 * A configuration problem an operator must fix. The message is one line that names the file, the key and
 * the fix; the CLI prints it as is and exits with code 2, without a stack trace.
 *
 * <p>Whatever a message quotes, it stays one readable line: line breaks become spaces and any run of text without
 * a space longer than {@link #LONGEST_WORD} characters (a pasted value, a runaway key) is cut, saying how long it was.
 */
public final class ConfigException extends RuntimeException {
    static final int LONGEST_WORD = 160;

    public ConfigException(String oneLine) {
        super(oneLine(oneLine), null, false, false);
    }

    static String oneLine(String message) {
        if (message == null) {
            return "invalid configuration";
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), 4096));
        int wordStart = 0;
        for (int i = 0; i <= message.length(); i++) {
            if (i == message.length() || Character.isWhitespace(message.charAt(i))) {
                appendWord(out, message, wordStart, i);
                if (i < message.length()) {
                    out.append(' ');
                }
                wordStart = i + 1;
            }
        }
        return out.toString();
    }

    private static void appendWord(StringBuilder out, String message, int from, int to) {
        if (to - from <= LONGEST_WORD) {
            out.append(message, from, to);
            return;
        }
        // Keep the quotes and punctuation around a long value; say how long the value itself was.
        boolean quoted = message.charAt(from) == '"';
        char last = message.charAt(to - 1);
        boolean punctuation = last == '"' || last == ';' || last == ',' || last == ':';
        int start = quoted ? from + 1 : from;
        int end = punctuation ? to - 1 : to;
        if (quoted) {
            out.append('"');
        }
        out.append(message, start, start + 60).append("...(").append(end - start).append(" characters)");
        if (punctuation) {
            out.append(last);
        }
    }
}
