package dev.lorekeeper.http;

/** Who chose a URL, which decides what it may reach. */
public enum Trust {
    /** Written by the operator in the config (RPC nodes, IPFS gateways, docs pages): may be on loopback or a LAN. */
    CONFIGURED,
    /**
     * Chosen by someone else, such as a token URI (whoever deploys a contract writes it): resolved first, and refused
     * on loopback, private, link-local, CGNAT and multicast addresses on every redirect hop, unless the operator
     * allowed {@link PrivateNetworks#ALLOWED private networks}.
     */
    UNTRUSTED
}
