package dev.lorekeeper.config;

/**
 * Outbound HTTP to URLs that others chose (token metadata URIs and their redirects). URLs written in this config are
 * trusted and may be on loopback or a LAN whatever this says.
 */
public record OutboundConfig(Boolean allowPrivateNetworks) {
    public OutboundConfig {
        allowPrivateNetworks = allowPrivateNetworks != null && allowPrivateNetworks;
    }

    public static OutboundConfig defaults() {
        return new OutboundConfig(null);
    }
}
