package io.ringkeeper.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP literals in config. Parsed without DNS: config loading never touches the network. */
public final class Addresses {
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private Addresses() {
    }

    /** Returns the address, or throws {@link InvalidConfigValue} naming what was wrong. */
    public static InetAddress parseLiteral(String text) {
        if (text != null && (IPV4.matcher(text).matches() || text.indexOf(':') >= 0)) {
            try {
                // An IPv4 dotted quad or a string with ':' is parsed as a literal by the JDK, never looked up.
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                // fall through to the error below
            }
        }
        throw new InvalidConfigValue("\"" + text + "\" is not an IP address; use e.g. 127.0.0.1 or ::1");
    }

    public static boolean isLoopback(String literal) {
        return parseLiteral(literal).isLoopbackAddress();
    }
}
