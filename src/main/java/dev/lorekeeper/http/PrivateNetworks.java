package dev.lorekeeper.http;

/** Whether untrusted URLs may reach loopback and private addresses ({@code outbound.allow-private-networks}). */
public enum PrivateNetworks {
    REFUSED,
    /** For tests and closed networks that serve token metadata from their own machines. */
    ALLOWED
}
