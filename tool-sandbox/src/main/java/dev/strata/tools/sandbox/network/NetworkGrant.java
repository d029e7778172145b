package dev.strata.tools.sandbox.network;

/**
 * One {@code host:port} of a tool's allow-list and where the tool reaches it inside its sandbox. The sandbox has
 * only its own loopback, so every grant gets a loopback endpoint there ({@code insideAddress:port}); the JVM connects
 * the traffic to {@code host:port}, resolving a name on the host side only.
 *
 * @param host host name or IP literal as declared (brackets of an IPv6 literal removed)
 * @param port TCP port, 1..65535
 * @param insideAddress IPv4 loopback address the in-sandbox forwarder listens on
 * @param name true when {@code host} is a DNS name (the generated /etc/hosts maps it to {@code insideAddress})
 */
public record NetworkGrant(String host, int port, String insideAddress, boolean name) {

    /** {@code host:port} as declared. */
    public String target() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code insideAddress:port}. */
    public String inside() {
        return insideAddress + ":" + port;
    }
}
