package dev.strata.tools.sandbox.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where each entry of a tool's network allow-list appears inside its sandbox. A loopback literal
 * ({@code 127.x.y.z}) and {@code localhost} keep their address; every other host gets its own address in
 * {@code 127.77.0.0/16}: a DNS name through the generated {@code /etc/hosts} (so the tool connects to the name it
 * declared, and the name is resolved by the JVM on the host side only), an IP literal through the
 * {@code STRATA_NETWORK} environment variable (the sandbox cannot route a foreign address to its loopback).
 */
public final class NetworkPlan {
    /** Environment variable listing {@code host:port=insideAddress:port} for each grant, comma separated. */
    public static final String ENV = "STRATA_NETWORK";

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
        + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final int MAX_GRANTS = 64;

    private final List<NetworkGrant> grants;

    private NetworkPlan(List<NetworkGrant> grants) {
        this.grants = List.copyOf(grants);
    }

    /**
     * Plans a tool's allow-list.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code host:port} with a port in 1..65535
     */
    public static NetworkPlan of(List<String> allowList) {
        if (allowList.size() > MAX_GRANTS) {
            throw new IllegalArgumentException("network allow-list has " + allowList.size() + " entries, at most " + MAX_GRANTS);
        }
        Map<String, String> aliasOf = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        List<NetworkGrant> grants = new ArrayList<>();
        for (String entry : allowList) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("network entry '" + entry + "' is not host:port");
            }
            String host = entry.substring(0, colon);
            int port = port(entry, entry.substring(colon + 1));
            boolean bracketed = host.startsWith("[") && host.endsWith("]");
            if (bracketed) {
                host = host.substring(1, host.length() - 1);
                if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+")) {
                    throw new IllegalArgumentException("network entry '" + entry + "': '" + host + "' is not an IPv6 literal");
                }
            } else if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("network entry '" + entry + "': write an IPv6 literal in brackets, [addr]:port");
            }
            boolean ipv4 = IPV4.matcher(host).matches();
            boolean name = !bracketed && !ipv4;
            if (name && !DNS_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException("network entry '" + entry + "': '" + host + "' is not a host name or IP literal");
            }
            String key = name ? host.toLowerCase(java.util.Locale.ROOT) : host;
            String inside;
            if (ipv4 && host.startsWith("127.")) {
                inside = host;
            } else if (key.equals("localhost") || key.equals("localhost.")) {
                inside = "127.0.0.1";
            } else {
                inside = aliasOf.computeIfAbsent(key, k -> "127.77." + (aliasOf.size() / 250) + "." + (aliasOf.size() % 250 + 1));
            }
            if (seen.add(inside + ":" + port)) {
                grants.add(new NetworkGrant(host, port, inside, name));
            }
        }
        return new NetworkPlan(grants);
    }

    private static int port(String entry, String text) {
        int port;
        try {
            port = text.length() > 5 ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("network entry '" + entry + "': port must be 1..65535, got '" + text + "'");
        }
        return port;
    }

    public List<NetworkGrant> grants() {
        return grants;
    }

    public boolean isEmpty() {
        return grants.isEmpty();
    }

    /** The sandbox's /etc/hosts: localhost, the sandbox's host name, and each granted name at its loopback alias. */
    public String hostsFile() {
        StringBuilder sb = new StringBuilder("127.0.0.1\tlocalhost strata-tool\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        Set<String> named = new LinkedHashSet<>();
        for (NetworkGrant g : grants) {
            if (g.name() && !g.insideAddress().equals("127.0.0.1") && named.add(g.host().toLowerCase(java.util.Locale.ROOT))) {
                sb.append(g.insideAddress()).append('\t').append(g.host()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Value of {@value #ENV}: {@code host:port=insideAddress:port,...}. */
    public String environment() {
        return String.join(",", grants.stream().map(g -> g.target() + "=" + g.inside()).toList());
    }
}
