package io.ringkeeper.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic corpus of requests that are wrong in every way a client or an attacker can be wrong:
 * bad JSON, wrong shapes and types, wrong content types, oversized bodies, odd paths and encodings, bad
 * methods, broken headers. Every one of them must be refused with a 4xx JSON error.
 */
final class MalformedRequests {
    /** A PUT target that takes a JSON body (changing a log level). */
    static final String JSON_TARGET = "/v1/logging/io.ringkeeper.fuzz";

    record Case(String name, byte[] bytes) {
    }

    private final long maxBody;
    private final Random random = new Random(20261120L);
    private final List<Case> cases = new ArrayList<>();

    private MalformedRequests(long maxBody) {
        this.maxBody = maxBody;
    }

    static List<Case> all(long maxBody) {
        MalformedRequests r = new MalformedRequests(maxBody);
        r.badJson();
        r.wrongShapes();
        r.wrongContentTypes();
        r.oversizedBodies();
        r.oddPaths();
        r.badMethods();
        r.brokenHeaders();
        return r.cases;
    }

    private void badJson() {
        String[] bodies = {"{", "}", "[", "{\"level\"", "{\"level\":", "{\"level\": }", "{level: \"DEBUG\"}",
                "{'level': 'DEBUG'}", "{\"level\":\"DEBUG\",}", "{\"level\":\"DEBUG\"} trailing", "{\"level\":\"DEBUG\"}{}",
                "nul", "tru", "\"unterminated", "{\"level\":\"\\u12\"}", "{\"level\":\"\\x41\"}", "{\"a\":1 \"b\":2}",
                "/* comment */ {\"level\":\"DEBUG\"}", "{\"level\":NaN}", "{\"level\":01}", "{\"level\":-}",
                "[1,2,", "{\"\":}", "\u0000", "{\"level\":\"DEBUG\"\u0000}", "{\"level\":\"\n\"}"};
        for (String body : bodies) {
            add("bad JSON " + body.replace("\u0000", "\\0"), put(JSON_TARGET, "application/json", body.getBytes(StandardCharsets.UTF_8)));
        }
        add("bad JSON: nesting 5000 deep", put(JSON_TARGET, "application/json", "[".repeat(5000).getBytes(StandardCharsets.UTF_8)));
        add("bad JSON: invalid UTF-8", put(JSON_TARGET, "application/json", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}));
        add("bad JSON: overlong UTF-8", put(JSON_TARGET, "application/json", new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}));
        for (int i = 0; i < 30; i++) {
            byte[] junk = new byte[1 + random.nextInt(200)];
            random.nextBytes(junk);
            junk[0] = (byte) "{[\"tfn-0x@#"  .charAt(random.nextInt(11)); // start like JSON half the time
            add("random bytes #" + i, put(JSON_TARGET, "application/json", junk));
        }
        // Mutations of a document that is already invalid (unknown field, no such level): a flipped or cut
        // byte can only make it more wrong, never valid.
        byte[] invalid = "{\"level\": \"NOT-A-LEVEL\", \"extra\": [1, 2.5, {\"a\": null}]}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 30; i++) {
            byte[] mutated = invalid.clone();
            int at = random.nextInt(mutated.length);
            if (i % 2 == 0) {
                mutated[at] ^= (byte) (1 + random.nextInt(255));
                add("flipped byte at " + at, put(JSON_TARGET, "application/json", mutated));
            } else {
                add("cut at " + at, put(JSON_TARGET, "application/json", java.util.Arrays.copyOf(mutated, at)));
            }
        }
    }

    private void wrongShapes() {
        String[] bodies = {"[]", "\"DEBUG\"", "42", "true", "{\"level\":[1]}", "{\"level\":{}}", "{\"level\":[\"DEBUG\"]}",
                "{\"level\":\"LOUD\"}", "{\"level\":\"\"}", "{\"level\":1e999999}", "{\"level\":\"DEBUG\",\"x\":1}",
                "{\"Level\":\"DEBUG\"}", "{\"lvl\":\"DEBUG\"}", "{}", "{\"level\":null}", "null",
                "{\"level\":\"" + "D".repeat(10_000) + "\"}", "{\"level\":123456789012345678901234567890}"};
        for (String body : bodies) {
            add("wrong shape " + (body.length() > 40 ? body.substring(0, 40) + "..." : body),
                    put(JSON_TARGET, "application/json", body.getBytes(StandardCharsets.UTF_8)));
        }
        String[] badLoggers = {"/v1/logging/..", "/v1/logging/a..b", "/v1/logging/%20", "/v1/logging/a%2Fb",
                "/v1/logging/" + "x".repeat(300), "/v1/logging/1abc", "/v1/logging/a-b", "/v1/logging/%E2%98%83"};
        for (String path : badLoggers) {
            add("bad logger name " + path.substring(0, Math.min(path.length(), 40)),
                    put(path, "application/json", "{\"level\":\"DEBUG\"}".getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void wrongContentTypes() {
        byte[] good = "{\"level\":\"DEBUG\"}".getBytes(StandardCharsets.UTF_8);
        String[] types = {"text/plain", "application/xml", "text/html", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "garbage", "application/", "/json", "image/png",
                "application/octet-stream", "application/json-patch+json", "text/json;", "application/yaml", "*/*",
                "application/json; charset=utf-16", "application/json; charset=nope", "application/json; charset=",
                "application/json; charset=\"utf-8"};
        for (String type : types) {
            byte[] body = type.contains("utf-16") ? "{\"level\":\"NOPE\"}".getBytes(StandardCharsets.UTF_16) : good;
            if (type.contains("charset") && !type.contains("utf-16")) {
                body = "{\"level\":\"NOPE\"}".getBytes(StandardCharsets.UTF_8);
            }
            add("content type " + type, put(JSON_TARGET, type, body));
        }
        add("no content type", request("PUT " + JSON_TARGET + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: "
                + good.length + "\r\n\r\n", good));
        add("not acceptable", request("GET /v1/node HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n", new byte[0]));
        add("not acceptable xml", request("GET /v1/health/live HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\nConnection: close\r\n\r\n", new byte[0]));
    }

    private void oversizedBodies() {
        String big = "{\"level\":\"" + "x".repeat((int) maxBody + 10) + "\"}";
        add("body over the limit, with Content-Length", put(JSON_TARGET, "application/json", big.getBytes(StandardCharsets.UTF_8)));
        add("body over the limit, chunked", chunkedPut(JSON_TARGET, big.getBytes(StandardCharsets.UTF_8), 64 * 1024));
        add("body 3x the limit, chunked in tiny chunks", chunkedPut(JSON_TARGET, ("[" + "1,".repeat((int) maxBody * 3 / 2) + "1]")
                .getBytes(StandardCharsets.UTF_8), 4096));
        add("Content-Length of a terabyte", request("PUT " + JSON_TARGET + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1099511627776\r\nConnection: close\r\n\r\n", "{}".getBytes(StandardCharsets.UTF_8)));
        add("Content-Length past long", request("PUT " + JSON_TARGET + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999999999999999999\r\nConnection: close\r\n\r\n", new byte[0]));
        add("chunk size past long", request("PUT " + JSON_TARGET + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n", "{}".getBytes(StandardCharsets.UTF_8)));
        add("Expect 100-continue over the limit", request("PUT " + JSON_TARGET + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Expect: 100-continue\r\nContent-Length: " + (maxBody * 10) + "\r\nConnection: close\r\n\r\n", new byte[0]));
        add("big body to a GET-only route", request("POST /v1/node HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (maxBody + 1) + "\r\nConnection: close\r\n\r\n", new byte[(int) maxBody + 1]));
    }

    private void oddPaths() {
        String[] paths = {"/%", "/%2", "/%zz", "/%00", "/v1/%00node", "/%2e%2e/%2e%2e/etc/passwd", "/v1/%2e%2e/v1/node",
                "/..;/v1/node", "/v1/..%2F..%2Fetc", "//v1/node", "/v1//node", "/v1/node%2F", "/%c0%af", "/%ff%fe",
                "/v1/health/%", "/v1/jobs/%ff", "/v1/nodes", "/V1/NODE", "/v1/node/extra", "/v1/health", "/v1",
                "/v2/node", "/.git/config", "/WEB-INF/web.xml", "/v1/node/..%5c..%5c", "/~root", "/%u0041",
                "/" + "a".repeat(9000), "/" + "a/".repeat(3000), "/nope?%%%", "/nope?a=%zz", "/nope#fragment",
                "/v1/logging/x/y/z", "/metrics/extra", "/openapi.json/x", "/openapi.yaml"};
        for (String p : paths) {
            add("odd path " + p.substring(0, Math.min(p.length(), 40)), get(p));
        }
        add("raw UTF-8 in path", request("GET /v1/nodé HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
        add("raw space in path", request("GET /v1/no de HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
        add("tab in path", request("GET /v1/no\tde HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
        add("asterisk target", request("GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
        add("relative target", request("GET v1/node HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
        add("empty target", request("GET  HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
        for (int i = 0; i < 25; i++) {
            StringBuilder p = new StringBuilder("/v1/zz");
            int len = 1 + random.nextInt(30);
            for (int j = 0; j < len; j++) {
                p.append(random.nextBoolean() ? (char) ('a' + random.nextInt(26)) : "%" + String.format("%02X", random.nextInt(256)));
            }
            add("random path " + p, get(p.toString()));
        }
    }

    private void badMethods() {
        String[] methods = {"FOO", "TRACE", "PATCH", "DELETE", "POST", "PUT", "PROPFIND", "MKCOL", "LOCK", "get", "Get",
                "M".repeat(300), "BREW", "SEARCH", "PURGE", "LINK"};
        for (String m : methods) {
            add("method " + m.substring(0, Math.min(m.length(), 20)) + " on /v1/node",
                    request(m + " /v1/node HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", new byte[0]));
        }
        add("method GET on a PUT-only route", get("/v1/logging/io.ringkeeper.fuzz/extra"));
        add("DELETE on health", request("DELETE /v1/health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
        add("POST to metrics", request("POST /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", new byte[0]));
        add("method with a space", request("GE T /v1/node HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
        add("method with a control char", request("G\u0001T /v1/node HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
        add("no method", request(" /v1/node HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
        add("garbage request line", request("GARBAGE\r\n\r\n", new byte[0]));
        add("TLS hello on a plain port", new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03, '\r', '\n', '\r', '\n'});
        add("HTTP/2 preface", request("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", new byte[0]));
        add("unknown version", request("GET /v1/node HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
        add("broken version", request("GET /v1/node HTTX/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]));
    }

    private void brokenHeaders() {
        String[] heads = {
            "GET /v1/node HTTP/1.1\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\nNoColonHere\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\nBad Name: v\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\n" + "X-Many: 1\r\n".repeat(2000) + "Connection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nab",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\nConnection: close\r\n\r\n0\r\n\r\n",
            "PUT " + JSON_TARGET + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n",
            "PUT " + JSON_TARGET + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n",
            "PUT " + JSON_TARGET + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnope",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\nExpect: 999-continue\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\nHost: x\r\nHost:\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\r\n: empty-name\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /v1/node HTTP/1.1\nHost: x\nX-Bare: \r\r\nConnection: close\r\n\r\n",
        };
        for (String head : heads) {
            add("broken headers: " + head.substring(head.indexOf("\r\n") + 2, Math.min(head.length(), head.indexOf("\r\n") + 40))
                    .replace("\r\n", " | "), request(head, new byte[0]));
        }
    }

    private void add(String name, byte[] bytes) {
        cases.add(new Case(name, bytes));
    }

    private static byte[] get(String path) {
        return request("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]);
    }

    private static byte[] put(String path, String type, byte[] body) {
        return request("PUT " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n", body);
    }

    private static byte[] chunkedPut(String path, byte[] body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("PUT " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < body.length; i += chunk) {
            int n = Math.min(chunk, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] request(String head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
