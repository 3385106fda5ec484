package io.ringkeeper.cli;

import java.util.ArrayList;
import java.util.List;

/** A line diff of two small texts (a record's spec as YAML): unchanged lines with two spaces, removed "- ", added "+ ". */
final class LineDiff {
    private LineDiff() {
    }

    static List<String> diff(String before, String after) {
        String[] a = before.isEmpty() ? new String[0] : before.split("\n", -1);
        String[] b = after.isEmpty() ? new String[0] : after.split("\n", -1);
        a = trimLast(a);
        b = trimLast(b);
        // Longest common subsequence, from the end: specs are tens of lines.
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add("  " + a[i++]);
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] > lcs[i + 1][j])) { // on a tie, "-" first, as diff does
                out.add("+ " + b[j++]);
            } else {
                out.add("- " + a[i++]);
            }
        }
        return out;
    }

    private static String[] trimLast(String[] lines) {
        return lines.length > 0 && lines[lines.length - 1].isEmpty() ? java.util.Arrays.copyOf(lines, lines.length - 1) : lines;
    }
}
