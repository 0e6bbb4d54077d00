package dev.lorekeeper.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every spelling of a loopback, private or otherwise internal address that a token URI could carry, checked without
 * any network: literals are read the way browsers and curl read them, names through the resolver.
 */
class UntrustedHostTest {
    static final HostGuard REFUSING = new HostGuard(PrivateNetworks.REFUSED);

    static java.util.List<InetAddress> addresses(String host) throws Exception {
        return REFUSING.addresses(host, Deadline.after(Duration.ofSeconds(5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "localhost", "LOCALHOST", "localhost.", "127.0.0.1."})
    void loopbackByNameOrAddressIsRefused(String host) {
        assertThatThrownBy(() -> addresses(host))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("refused: private address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "017700000001", "0x7f000001", "0X7F000001"})
    void decimalIpv4SpellingOfLoopbackIsRefused(String host) {
        assertThatThrownBy(() -> addresses(host)).hasMessage("refused: private address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0177.0.0.1",
                "0x7f.1",
                "0x7f.0.0.1",
                "127.1",
                "127.0.1",
                "0177.1",
                "0x7F.0x0.0x0.0x1",
                "000000177.0.0.1"
            })
    void octalHexAndShortSpellingsOfLoopbackAreRefused(String host) {
        assertThatThrownBy(() -> addresses(host)).hasMessage("refused: private address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "::1",
                "0:0:0:0:0:0:0:1",
                "::",
                "::ffff:127.0.0.1",
                "::ffff:7f00:1",
                "::127.0.0.1",
                "::ffff:0:127.0.0.1",
                "::ffff:10.0.0.1",
                "::ffff:192.168.1.1"
            })
    void ipv6FormsOfLoopbackAndPrivateIpv4AreRefused(String host) {
        assertThatThrownBy(() -> addresses(host)).hasMessage("refused: private address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fe80::1",
                "febf::1",
                "fc00::1",
                "fd12:3456:789a::1",
                "ff02::1",
                "ff05::2",
                "fec0::1",
                "100::1",
                "2001:db8::1"
            })
    void ipv6LinkLocalUniqueLocalAndMulticastAreRefused(String host) {
        assertThatThrownBy(() -> addresses(host)).hasMessage("refused: private address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2002:7f00:1::1",
                "2002:c0a8:101::",
                "2002:a00:1::",
                "64:ff9b::127.0.0.1",
                "64:ff9b::a00:1",
                "64:ff9b:1::8.8.8.8",
                "2001:0:4136:e378:8000:63bf:80ff:fffe"
            })
    void sixToFourNat64AndTeredoEmbeddingPrivateIpv4AreRefused(String host) {
        assertThatThrownBy(() -> addresses(host)).hasMessage("refused: private address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.1",
                "10.255.255.255",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "100.64.0.1",
                "100.127.255.254",
                "169.254.169.254",
                "0.0.0.0",
                "0",
                "0.1.2.3",
                "224.0.0.1",
                "239.255.255.250",
                "255.255.255.255",
                "240.0.0.1",
                "192.0.0.8",
                "198.18.0.1",
                "012.1.2.3"
            })
    void privateCgnatLinkLocalMulticastUnspecifiedAndBroadcastIpv4AreRefused(String host) {
        assertThatThrownBy(() -> addresses(host)).hasMessage("refused: private address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "256.0.0.1",
                "1.2.3.4.5",
                "1.2.3.256.",
                "0x100000000",
                "1.0x1000000",
                "a.1",
                "99999999999999999999",
                "1..2"
            })
    void malformedNumericHostsAreRefused(String host) {
        assertThatThrownBy(() -> addresses(host))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("refused: not a valid address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "100.128.0.1",
                "100.63.255.255",
                "172.32.0.1",
                "172.15.255.255",
                "11.0.0.1",
                "192.169.0.1",
                "169.255.0.1",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "::ffff:8.8.8.8",
                "2002:808:808::1",
                "64:ff9b::8.8.8.8",
                "2a00:1450:4001:81c::200e"
            })
    void publicAddressesAreAllowed(String host) throws Exception {
        assertThat(addresses(host))
                .singleElement()
                .satisfies(a -> assertThat(PublicAddresses.isPublic(a)).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.8.8.8", "0x8.0x8.0x8.0x8", "134744072", "8.526344"})
    void publicAddressInAnOddSpellingIsReadAsCurlReadsIt(String host) throws Exception {
        // "010.8.8.8" is 8.8.8.8 to curl and browsers but 10.8.8.8 to the JDK's InetAddress: the checked address is
        // the one connected to, so the JDK never gets to read the spelling its own way.
        assertThat(addresses(host)).containsExactly(InetAddress.getByName("8.8.8.8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "2130706433", "::1", "10.0.0.1"})
    void allowPrivateNetworksLetsLocalAddressesThrough(String host) throws Exception {
        assertThat(new HostGuard(PrivateNetworks.ALLOWED).addresses(host, Deadline.after(Duration.ofSeconds(5))))
                .isNotEmpty();
    }
}
