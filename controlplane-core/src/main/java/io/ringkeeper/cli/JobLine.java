package io.ringkeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** A job's progress in one line ({@code RUNNING 12/40 files, 1.2 of 3.4 GiB, 85.0 MiB/s, ETA 00:00:27}), and as a bar. */
final class JobLine {
    private static final int WIDTH = 24;

    private JobLine() {
    }

    static String of(JsonNode job) {
        String state = job.path("state").asText();
        JsonNode p = job.path("progress");
        StringBuilder b = new StringBuilder(state);
        if (!p.isMissingNode() && !p.isNull()) {
            b.append(' ').append(p.path("done").asLong()).append('/').append(p.path("total").asLong()).append(' ')
                    .append(p.path("unit").asText("items"));
            if (p.hasNonNull("bytesTotal")) {
                b.append(", ").append(size(p.path("bytesDone").asLong())).append(" of ").append(size(p.path("bytesTotal").asLong()));
            }
            if (p.hasNonNull("rate")) {
                b.append(", ").append(size(p.path("rate").asLong())).append("/s");
            }
            if (p.hasNonNull("eta")) {
                b.append(", ETA ").append(p.path("eta").asText());
            }
        } else {
            JsonNode steps = job.path("steps");
            if (steps.size() > 0) {
                b.append(": ").append(steps.get(steps.size() - 1).asText());
            }
        }
        return b.toString();
    }

    static String bar(JsonNode job) {
        JsonNode p = job.path("progress");
        double share = 0;
        if (p.hasNonNull("bytesTotal") && p.path("bytesTotal").asLong() > 0) {
            share = p.path("bytesDone").asDouble() / p.path("bytesTotal").asDouble();
        } else if (p.path("total").asLong() > 0) {
            share = p.path("done").asDouble() / p.path("total").asDouble();
        }
        int filled = (int) Math.round(Math.min(1, share) * WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + String.format("%3d%%", Math.round(share * 100));
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format("%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format("%.1f MiB", bytes / (double) (1L << 20));
        }
        return bytes >= 1024 ? String.format("%.1f KiB", bytes / 1024.0) : bytes + " B";
    }
}
