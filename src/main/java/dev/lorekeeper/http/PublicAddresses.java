package dev.lorekeeper.http;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses an untrusted URL may reach: globally routable unicast only. IPv6 forms that carry an IPv4 address
 * (mapped, compatible, SIIT, NAT64, 6to4, Teredo) are judged by the IPv4 address they carry, since a host or a
 * gateway on the way may deliver them there.
 */
final class PublicAddresses {
    private static final List<Block> INTERNAL_V4 = Block.all(
            "0.0.0.0/8", // "this network"; 0.0.0.0 reaches the local host on Linux
            "10.0.0.0/8",
            "172.16.0.0/12",
            "192.168.0.0/16",
            "100.64.0.0/10", // carrier-grade NAT
            "127.0.0.0/8",
            "169.254.0.0/16", // link-local, including cloud metadata at 169.254.169.254
            "192.0.0.0/24", // IETF protocol assignments
            "192.0.2.0/24",
            "198.51.100.0/24",
            "203.0.113.0/24", // documentation
            "198.18.0.0/15", // benchmarking, used inside some networks
            "224.0.0.0/4", // multicast
            "240.0.0.0/4"); // reserved, and 255.255.255.255 broadcast
    private static final Block GLOBAL_UNICAST_V6 = Block.of("2000::/3");
    private static final List<Block> INTERNAL_V6 = Block.all("2001:db8::/32"); // documentation
    private static final Block MAPPED = Block.of("::ffff:0:0/96");
    private static final Block SIIT = Block.of("::ffff:0:0:0/96");
    private static final Block COMPATIBLE = Block.of("::/96"); // also :: and ::1
    private static final Block NAT64 = Block.of("64:ff9b::/96");
    private static final Block SIX_TO_FOUR = Block.of("2002::/16");
    private static final Block TEREDO = Block.of("2001::/32");

    private PublicAddresses() {}

    static boolean isPublic(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == 4 ? isPublicV4(a) : isPublicV6(a);
    }

    private static boolean isPublicV4(byte[] a) {
        return INTERNAL_V4.stream().noneMatch(b -> b.contains(a));
    }

    private static boolean isPublicV6(byte[] a) {
        if (MAPPED.contains(a) || SIIT.contains(a) || COMPATIBLE.contains(a) || NAT64.contains(a)) {
            return isPublicV4(Arrays.copyOfRange(a, 12, 16));
        }
        if (SIX_TO_FOUR.contains(a)) {
            return isPublicV4(Arrays.copyOfRange(a, 2, 6));
        }
        if (TEREDO.contains(a)) {
            byte[] server = Arrays.copyOfRange(a, 4, 8);
            byte[] client = Arrays.copyOfRange(a, 12, 16);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i]; // Teredo stores the client's address inverted
            }
            return isPublicV4(server) && isPublicV4(client);
        }
        // Loopback, unspecified, link-local, site-local, unique local (fc00::/7) and multicast all lie outside
        // 2000::/3.
        return GLOBAL_UNICAST_V6.contains(a) && INTERNAL_V6.stream().noneMatch(b -> b.contains(a));
    }

    /** An address block in CIDR notation. */
    private record Block(byte[] prefix, int bits) {
        static Block of(String cidr) {
            String[] parts = cidr.split("/");
            try {
                byte[] prefix = InetAddress.getByName(parts[0]).getAddress();
                if (parts[0].contains(":") && prefix.length == 4) {
                    // the JDK turns ::ffff:a.b.c.d into an IPv4 address; the block is meant in its IPv6 form
                    byte[] v6 = new byte[16];
                    v6[10] = (byte) 0xff;
                    v6[11] = (byte) 0xff;
                    System.arraycopy(prefix, 0, v6, 12, 4);
                    prefix = v6;
                }
                return new Block(prefix, Integer.parseInt(parts[1]));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e); // literals only: never reached
            }
        }

        static List<Block> all(String... cidrs) {
            return Arrays.stream(cidrs).map(Block::of).toList();
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
