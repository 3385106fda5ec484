package io.ringkeeper.cassandra;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A CQL handshake, the last readiness condition: a STARTUP request in native protocol v4 (which 4.1 and
 * 5.0 both speak), answered by READY, or AUTHENTICATE when authentication is on. Either answer means the
 * node serves CQL. No driver: the daemon only needs to know the port answers like Cassandra.
 */
public final class CqlProbe {
    private static final byte VERSION_4 = 0x04;
    private static final byte OP_STARTUP = 0x01;
    private static final byte OP_READY = 0x02;
    private static final byte OP_AUTHENTICATE = 0x03;
    private static final byte OP_ERROR = 0x00;

    private CqlProbe() {
    }

    /** Empty when the handshake succeeded, else what went wrong. */
    public static java.util.Optional<String> handshake(String host, int port, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(startupFrame());
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] header = new byte[9];
            in.readFully(header);
            byte opcode = header[4];
            if ((header[0] & 0x7f) != VERSION_4 || (header[0] & 0x80) == 0) {
                return java.util.Optional.of("port " + port + " did not answer in CQL protocol v4");
            }
            if (opcode == OP_READY || opcode == OP_AUTHENTICATE) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(opcode == OP_ERROR ? "CQL STARTUP answered with an error" : "unexpected CQL answer (opcode " + opcode + ")");
        } catch (IOException e) {
            return java.util.Optional.of("CQL port " + host + ":" + port + " not answering: " + e.getMessage());
        }
    }

    private static byte[] startupFrame() {
        byte[] key = "CQL_VERSION".getBytes(StandardCharsets.UTF_8);
        byte[] value = "3.0.0".getBytes(StandardCharsets.UTF_8);
        int bodyLength = 2 + 2 + key.length + 2 + value.length;
        ByteBuffer b = ByteBuffer.allocate(9 + bodyLength);
        b.put(VERSION_4).put((byte) 0).putShort((short) 1).put(OP_STARTUP).putInt(bodyLength);
        b.putShort((short) 1); // a string map of one entry
        b.putShort((short) key.length).put(key);
        b.putShort((short) value.length).put(value);
        return b.array();
    }
}
