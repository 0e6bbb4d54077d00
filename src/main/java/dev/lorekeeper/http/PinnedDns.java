package dev.lorekeeper.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Dns;

/** Answers for one host with the addresses {@link HostGuard} already checked, and for no other host. */
record PinnedDns(String host, List<InetAddress> addresses) implements Dns {
    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        if (!hostname.equals(host)) {
            throw new UnknownHostException(hostname + " was not checked");
        }
        return addresses;
    }
}
