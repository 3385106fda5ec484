package io.ringkeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ringkeeper desired get|set|edit|history|rollback}: the cluster's desired-state records through any daemon's
 * API. Every change is a compare-and-set on the version just read, so two operators never overwrite each other
 * unseen: the second is told the record changed and runs the command again.
 */
@Command(name = "desired", description = "Read and change the cluster's desired-state records (logging, ...).",
        mixinStandardHelpOptions = true,
        subcommands = {DesiredCommand.Get.class, DesiredCommand.Set.class, DesiredCommand.Edit.class,
                DesiredCommand.History.class, DesiredCommand.Rollback.class})
final class DesiredCommand extends GroupCommand {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));


    /** What every subcommand shares besides {@link ApiCommand}: the user recorded as the author, reads and changes. */
    abstract static class Base extends ApiCommand {
        static String user() {
            String u = System.getenv("USER");
            return u == null || u.isBlank() || !u.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? null : u;
        }

        /** Creates or replaces the record with {@code spec}, based on what {@code current} was; prints the diff. */
        int change(DaemonClient client, String kind, DaemonClient.Answer current, JsonNode newSpec, String comment)
                throws Exception {
            JsonNode oldSpec = current.status() == 200 ? current.body().path("spec") : null;
            if (oldSpec != null && oldSpec.equals(newSpec)) {
                out().println("no change: the " + kind + " record (version " + current.body().path("version").asInt() + ") already says this");
                return ExitCodes.OK;
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("spec", newSpec);
            if (comment != null) {
                body.put("comment", comment);
            }
            DaemonClient.Answer a = current.status() == 200
                    ? client.put("/v1/desired/" + kind, body, "If-Match", current.etag(), "X-Ringkeeper-User", user())
                    : client.put("/v1/desired/" + kind, body, "If-None-Match", "*", "X-Ringkeeper-User", user());
            if (a.status() == 412) {
                throw new ApiCommand.Refused("the " + kind + " record changed while this command ran (now version "
                        + a.body().path("details").path("currentVersion").asText() + "); nothing was written: run it again", ExitCodes.FAILURE);
            }
            if (a.status() == 422) {
                throw new ApiCommand.Refused(a.message(), ExitCodes.CONFIG); // names the field (a JSON pointer) and what is allowed
            }
            if (a.status() != 200) {
                throw refused("changing the " + kind + " record failed", a);
            }
            if (json) {
                print(a.body());
            } else {
                for (String line : LineDiff.diff(yaml(oldSpec), yaml(newSpec))) {
                    out().println(line);
                }
                out().println(kind + ": version " + a.body().path("version").asInt() + " written; every node converges on it "
                        + "(ringkeeper status " + kind + ")");
            }
            return ExitCodes.OK;
        }

        static DaemonClient.Answer history(DaemonClient client, String kind) throws Exception {
            DaemonClient.Answer a = client.get("/v1/desired/" + kind + "/history");
            if (a.status() != 200) {
                throw refused("reading the history of " + kind + " failed", a);
            }
            return a;
        }

        DaemonClient.Answer read(DaemonClient client, String kind) throws Exception {
            DaemonClient.Answer a = client.get("/v1/desired/" + kind);
            if (a.status() != 200 && a.status() != 404) {
                throw refused("reading the " + kind + " record failed", a);
            }
            if (a.status() == 404 && !a.message().contains("there is no")) {
                throw refused("reading the " + kind + " record failed", a); // no such kind
            }
            return a;
        }
    }

    static String yaml(JsonNode spec) throws IOException {
        return spec == null || spec.isMissingNode() ? "" : YAML.writeValueAsString(spec);
    }

    /** Reads a spec from a YAML or JSON file (JSON is YAML); {@code -} reads standard input. */
    static JsonNode readSpec(String file) throws IOException {
        String text;
        try {
            text = file.equals("-") ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ApiCommand.Refused(file + ": no such file", ExitCodes.CONFIG);
        } catch (IOException e) {
            throw new ApiCommand.Refused(file + ": cannot be read (" + e.getMessage() + ")", ExitCodes.CONFIG);
        }
        JsonNode spec;
        try {
            spec = YAML.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String why = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new ApiCommand.Refused(file + ": not YAML or JSON" + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ")") + ": " + why, ExitCodes.CONFIG);
        }
        if (spec == null || !spec.isObject()) {
            throw new ApiCommand.Refused(file + ": expected the record's spec, an object (e.g. cassandra: {org.apache.cassandra.repair: DEBUG})",
                    ExitCodes.CONFIG);
        }
        return spec;
    }


    @Command(name = "get", description = "Print a kind's record (its spec as YAML, or the whole record with --json).",
            mixinStandardHelpOptions = true)
    static final class Get extends Base {
        @Parameters(index = "0", paramLabel = "KIND", description = "e.g. logging")
        String kind;

        @Override
        int run(DaemonClient client) throws Exception {
            DaemonClient.Answer a = read(client, kind);
            if (a.status() == 404) {
                throw new ApiCommand.Refused("there is no " + kind + " record; create one with: ringkeeper desired set " + kind + " FILE",
                        ExitCodes.FAILURE);
            }
            if (json) {
                print(a.body());
                return ExitCodes.OK;
            }
            JsonNode r = a.body();
            out().printf("# %s version %d, by %s at %s%s%n", kind, r.path("version").asInt(), r.path("changedBy").asText(),
                    r.path("changedAt").asText(), r.has("comment") ? ": " + r.path("comment").asText() : "");
            out().print(yaml(r.path("spec")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", description = "Replace a kind's record with the spec in FILE (YAML or JSON; - for stdin), "
            + "based on the version just read; shows the change.", mixinStandardHelpOptions = true)
    static final class Set extends Base {
        @Parameters(index = "0", paramLabel = "KIND")
        String kind;

        @Parameters(index = "1", paramLabel = "FILE")
        String file;

        @Option(names = {"-m", "--comment"}, description = "Why (kept in the history).")
        String comment;

        @Override
        int run(DaemonClient client) throws Exception {
            JsonNode spec = readSpec(file);
            return change(client, kind, read(client, kind), spec, comment);
        }
    }

    @Command(name = "edit", description = "Edit a kind's record in $VISUAL or $EDITOR (vi) and write it back, based on the "
            + "version opened.", mixinStandardHelpOptions = true)
    static final class Edit extends Base {
        @Parameters(index = "0", paramLabel = "KIND")
        String kind;

        @Option(names = {"-m", "--comment"}, description = "Why (kept in the history).")
        String comment;

        @Option(names = "--editor", paramLabel = "COMMAND", description = "The editor (default: $VISUAL, $EDITOR, vi).")
        String editor;

        @Override
        int run(DaemonClient client) throws Exception {
            DaemonClient.Answer current = read(client, kind);
            Path file = Files.createTempFile("ringkeeper-" + kind + "-", ".yaml");
            String before = current.status() == 200 ? yaml(current.body().path("spec")) : "";
            Files.writeString(file, "# the " + kind + " record's spec" + (current.status() == 200
                    ? " (version " + current.body().path("version").asInt() + ")" : " (none yet)") + "; save and quit to write it\n" + before);
            String command = editor != null ? editor : System.getenv("VISUAL") != null ? System.getenv("VISUAL")
                    : System.getenv("EDITOR") != null ? System.getenv("EDITOR") : "vi";
            Process p = new ProcessBuilder("sh", "-c", command + " \"$1\"", "editor", file.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new ApiCommand.Refused("the editor exited with " + p.exitValue() + "; nothing was written (your text: " + file + ")", ExitCodes.FAILURE);
            }
            JsonNode spec;
            try {
                spec = readSpec(file.toString());
            } catch (IOException | ApiCommand.Refused e) {
                throw new ApiCommand.Refused("not a valid spec (" + e.getMessage().lines().findFirst().orElse("") + "); nothing was written"
                        + " (your text: " + file + ")", ExitCodes.CONFIG);
            }
            int exit = change(client, kind, current, spec, comment);
            Files.deleteIfExists(file);
            return exit;
        }
    }

    @Command(name = "history", description = "The kept versions of a kind's record (the last 20), newest first.",
            mixinStandardHelpOptions = true)
    static final class History extends Base {
        @Parameters(index = "0", paramLabel = "KIND")
        String kind;

        @Override
        int run(DaemonClient client) throws Exception {
            DaemonClient.Answer a = history(client, kind);
            if (json) {
                print(a.body());
                return ExitCodes.OK;
            }
            out().printf("%-8s %-25s %-28s %s%n", "version", "changed at", "changed by", "comment");
            for (JsonNode v : a.body().path("versions")) {
                out().printf("%-8d %-25s %-28s %s%s%n", v.path("version").asInt(), v.path("changedAt").asText(),
                        v.path("changedBy").asText(), v.has("spec") ? "" : "(deleted) ", v.path("comment").asText(""));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "rollback", description = "Make a kind's record what it was at VERSION again (as a new version).",
            mixinStandardHelpOptions = true)
    static final class Rollback extends Base {
        @Parameters(index = "0", paramLabel = "KIND")
        String kind;

        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        @Override
        int run(DaemonClient client) throws Exception {
            DaemonClient.Answer history = history(client, kind);
            List<Integer> kept = new ArrayList<>();
            JsonNode target = null;
            for (JsonNode v : history.body().path("versions")) {
                kept.add(v.path("version").asInt());
                if (v.path("version").asInt() == version) {
                    target = v;
                }
            }
            if (target == null) {
                throw new ApiCommand.Refused("version " + version + " of " + kind + " is not in the history; kept: " + kept, ExitCodes.CONFIG);
            }
            DaemonClient.Answer current = read(client, kind);
            if (!target.has("spec")) {
                if (current.status() == 404) {
                    out().println("no change: there is no " + kind + " record, as at version " + version);
                    return ExitCodes.OK;
                }
                DaemonClient.Answer a = client.delete("/v1/desired/" + kind, "If-Match", current.etag(), "X-Ringkeeper-User", user());
                if (a.status() != 200) {
                    throw refused("deleting the " + kind + " record failed", a);
                }
                out().println(kind + ": deleted, as at version " + version + " (now version " + a.body().path("version").asInt() + ")");
                return ExitCodes.OK;
            }
            return change(client, kind, current, target.path("spec"), "rollback to version " + version);
        }
    }
}
