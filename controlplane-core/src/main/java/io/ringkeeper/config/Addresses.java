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

    /** As {@link #parseLiteral}, naming the config key in the error. */
    public static InetAddress parseLiteral(String key, String text) {
        try {
            return parseLiteral(text);
        } catch (InvalidConfigValue e) {
            throw new InvalidConfigValue(key, e.getMessage());
        }
    }

    /**
     * An address with an optional port, as Cassandra's seed lists take them: {@code 10.0.0.5}, {@code 10.0.0.5:7000},
     * {@code ::1} or {@code [::1]:7000}.
     */
    public static void checkAddressAndPort(String key, String text) {
        String host = text == null ? "" : text;
        String port = null;
        if (host.startsWith("[") && host.contains("]")) {
            int close = host.indexOf(']');
            port = host.length() > close + 1 && host.charAt(close + 1) == ':' ? host.substring(close + 2) : null;
            if (host.length() > close + 1 && port == null) {
                throw new InvalidConfigValue(key, "\"" + text + "\" is not an address with an optional port; use e.g. 10.0.0.5 or 10.0.0.5:7000");
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
            port = host.substring(host.indexOf(':') + 1);
            host = host.substring(0, host.indexOf(':'));
        }
        try {
            parseLiteral(host);
        } catch (InvalidConfigValue e) {
            throw new InvalidConfigValue(key, "\"" + text + "\" is not an IP address with an optional port; use e.g. 10.0.0.5 or 10.0.0.5:7000");
        }
        if (port != null && (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) {
            throw new InvalidConfigValue(key, "\"" + text + "\" has no valid port after the address; use 1-65535, e.g. 10.0.0.5:7000");
        }
    }

    public static boolean isLoopback(String literal) {
        return parseLiteral(literal).isLoopbackAddress();
    }
}
