package dev.lorekeeper.web;

import dev.lorekeeper.config.Cidr;
import dev.lorekeeper.config.IpLiteral;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The address a request came from, for per-client limits. X-Forwarded-For is believed only when the direct peer is
 * one of the operator's proxies: anyone else can write any value there. Each trusted proxy appends the address it
 * saw, so the right-most entry that is not a trusted proxy is the client; everything left of it is the client's own
 * claim.
 */
final class ClientAddress {
    private final List<Cidr> trustedProxies;

    ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /** @param forwardedFor every X-Forwarded-For header line, in the order received */
    String resolve(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = IpLiteral.parse(peer);
        if (peerAddress.isEmpty() || !trusted(peerAddress.get())) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(line -> Collections.addAll(hops, line.split(",")));
        String client = peerAddress.get().getHostAddress();
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiteral.parseWithOptionalPort(hops.get(i));
            if (hop.isEmpty()) {
                return client; // garbage can only come from the client side: stop at the last hop we can vouch for
            }
            client = hop.get().getHostAddress();
            if (!trusted(hop.get())) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(c -> c.contains(address));
    }
}
