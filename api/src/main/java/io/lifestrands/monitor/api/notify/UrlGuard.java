package io.lifestrands.monitor.api.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses webhook URLs that would make the api a proxy into its own network (S4): schemes other than http/https,
 * and hosts that are or resolve to loopback, link-local, private, carrier-grade NAT, multicast or unspecified
 * addresses, unless the operator allowed the host ({@code monitor.api.notify.allowed-hosts}). Checked when a URL is
 * set through the API and again before every connection (DNS may change); redirects are never followed.
 * Reasons name the host, never the path or query (where webhook credentials live).
 */
final class UrlGuard {

    /** Resolves a host name to its addresses; the JDK resolver in production. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowed;
    private final Resolver resolver;

    UrlGuard(List<String> allowedHosts, Resolver resolver) {
        this.allowed = allowedHosts.stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    UrlGuard(List<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    /** Why {@code url} may not be used, or empty when it may (or is null: the channel is off). */
    Optional<String> problem(String url) {
        if (url == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("must be a valid http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("scheme '" + NotificationSettings.clip(scheme) + "' is not allowed, use http or https");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("must name a host");
        }
        host = host.toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (allowed.contains(host) || allowed.contains(host + ":" + port)) {
            return Optional.empty();
        }
        return blockedAddress(host);
    }

    /** @throws IllegalArgumentException with the reason when {@code url} may not be used */
    void check(String url) {
        problem(url).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    private Optional<String> blockedAddress(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return Optional.of("host '" + NotificationSettings.clip(host) + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (blocked(address)) {
                return Optional.of("host '" + NotificationSettings.clip(host) + "' is a loopback, link-local or "
                        + "private address (" + address.getHostAddress() + "); an operator may allow it in "
                        + "monitor.api.notify.allowed-hosts");
            }
        }
        return Optional.empty();
    }

    static boolean blocked(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                   // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240;                            // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true;                                    // unique local fc00::/7
            }
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            boolean compatible = true;
            for (int i = 0; i < 12; i++) {
                compatible &= b[i] == 0;
            }
            if (nat64 || compatible) {
                try {
                    return blocked(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
