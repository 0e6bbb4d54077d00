package dev.lorekeeper.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.GatingConfig;
import dev.lorekeeper.discorddouble.DiscordDouble;
import dev.lorekeeper.discorddouble.FakeGuild;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import dev.lorekeeper.discorddouble.FakeRole;
import dev.lorekeeper.testing.Anvil;
import dev.lorekeeper.testing.LocalSigner;
import dev.lorekeeper.testing.ManualVerify;
import dev.lorekeeper.testing.TestBot;
import dev.lorekeeper.testing.TestContracts;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * Anvil plus the bot, with the steps gating tests take: fresh wallets whose keys the test holds (so tests never share
 * a wallet or run out of dev accounts), a server with a moderator, gates added through /gate add, members who link
 * wallets the manual way, and waiting for roles as Discord sees them.
 */
final class GatingFixture implements AutoCloseable {
    private static final AtomicInteger SERVERS = new AtomicInteger();

    final Anvil anvil;
    final TestBot bot;
    final String minter;
    private final Map<String, ECKeyPair> keys = new ConcurrentHashMap<>();
    private final Random random = new Random(7);

    private GatingFixture(Anvil anvil, TestBot bot) {
        this.anvil = anvil;
        this.bot = bot;
        this.minter = anvil.accounts().get(0);
    }

    /** Anvil with Multicall3, then the bot on {@code rpcUrl} (anvil's own when null) with {@code gatingYaml}. */
    static GatingFixture start(java.util.function.UnaryOperator<String> rpcUrlFor, String extraYaml) {
        Anvil anvil = Anvil.start();
        TestContracts.placeAt(anvil, "Multicall3", GatingConfig.MULTICALL3);
        // Lets the test send transactions from any wallet it created, as its owner would.
        anvil.rpc("anvil_autoImpersonateAccount", true);
        TestBot bot = TestBot.start(ManualVerify.anvilChainYaml(anvil, rpcUrlFor.apply(anvil.url())) + extraYaml);
        return new GatingFixture(anvil, bot);
    }

    /** A fresh wallet with 100 ETH for gas. */
    String wallet() {
        ECKeyPair key;
        synchronized (random) {
            key = ECKeyPair.create(new BigInteger(248, random).add(BigInteger.ONE));
        }
        String address = Keys.toChecksumAddress(Keys.getAddress(key));
        keys.put(address.toLowerCase(Locale.ROOT), key);
        anvil.rpc("anvil_setBalance", address, "0x56bc75e2d63100000");
        return address;
    }

    @SuppressWarnings("rawtypes")
    String deploy(String contract, Type... constructorArgs) {
        return TestContracts.deploy(anvil, contract, minter, List.of(constructorArgs));
    }

    @SuppressWarnings("rawtypes")
    void send(String from, String contract, String function, Type... args) {
        TestContracts.send(anvil, from, contract, function, Arrays.asList(args));
    }

    long head() {
        return Long.decode(anvil.rpc("eth_blockNumber").asText());
    }

    /** A server of its own (so that pacing and settings never cross tests) with a moderator. */
    Server server(String name) {
        FakeGuild guild = bot.discord.guild(name + " " + SERVERS.incrementAndGet());
        bot.discord.awaitBotReady(guild);
        // The owner may gate any role below the bot's, whatever order the test creates roles in.
        FakeMember mod = guild.owner();
        return new Server(guild, mod);
    }

    /** A server and what is done there. */
    final class Server {
        final FakeGuild guild;
        final FakeMember mod;

        Server(FakeGuild guild, FakeMember mod) {
            this.guild = guild;
            this.mod = mod;
        }

        /** A new role gated by /gate add with these options. */
        FakeRole gate(String roleName, Map<String, String> options) {
            FakeRole role = guild.role(roleName);
            assertThat(addGate(role, options).content()).contains("Added gate #");
            return role;
        }

        FakeMessage addGate(FakeRole role, Map<String, String> options) {
            Map<String, Object> all = new HashMap<>(options);
            all.put("role", role);
            return mod.slash("gate add", all).reply();
        }

        /** A member who linked each of {@code wallets}, signing with the wallet's key. */
        FakeMember verified(String name, FakeRole[] roles, String... wallets) {
            FakeMember m = guild.member(name, roles);
            for (String w : wallets) {
                link(m, w);
            }
            return m;
        }

        /** The member links one more wallet, signing with its key. */
        void link(FakeMember m, String wallet) {
            ECKeyPair key = keys.get(wallet.toLowerCase(Locale.ROOT));
            assertThat(ManualVerify.link(m, wallet, msg -> LocalSigner.personalSign(msg, key))
                            .content())
                    .contains("is now linked");
        }

        FakeMember verified(String name, String... wallets) {
            return verified(name, new FakeRole[0], wallets);
        }

        String resync() {
            return mod.runs("/gate resync").awaitText("Resync done").content();
        }
    }

    void awaitRoles(FakeMember m, String... roles) {
        List<String> want = Arrays.stream(roles).sorted().toList();
        DiscordDouble.await(
                () -> bot.discord.rolesOf(m).equals(want),
                Duration.ofSeconds(15),
                m + " has roles " + want + " (has " + bot.discord.rolesOf(m) + ")");
    }

    /** The member's roles stay exactly these for the whole window. */
    void keepsRoles(FakeMember m, Duration window, String... roles) {
        List<String> want = Arrays.stream(roles).sorted().toList();
        DiscordDouble.holdsFor(
                () -> bot.discord.rolesOf(m).equals(want),
                window,
                m + " keeps roles " + want + " (has " + bot.discord.rolesOf(m) + ")");
    }

    @Override
    public void close() {
        bot.close();
        anvil.close();
    }
}
