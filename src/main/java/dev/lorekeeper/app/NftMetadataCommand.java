package dev.lorekeeper.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lorekeeper.chain.MetadataFetcher;
import dev.lorekeeper.chain.TokenMetadata;
import dev.lorekeeper.chain.TokenMetadataLocator;
import dev.lorekeeper.config.LorekeeperConfig;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lorekeeper nft metadata}: resolve and validate a token's metadata the way gating and characters see it. */
@Command(
        name = "metadata",
        description = "Resolve a token's metadata (ipfs://, ar://, https://, data:) and report "
                + "what was read and what was wrong with it",
        mixinStandardHelpOptions = true)
public final class NftMetadataCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(
            names = "--json",
            description = "Print {\"ok\":…, \"name\":…, \"description\":…, \"image\":…, "
                    + "\"imageUrl\":…, \"attributes\":[…], \"warnings\":[…], \"error\":…}")
    boolean json;

    @Spec
    CommandSpec spec;

    static final class Source {
        @Option(names = "--uri", required = true, paramLabel = "URI", description = "A metadata URI")
        String uri;

        @ArgGroup(exclusive = false)
        Token token;
    }

    static final class Token {
        @Option(names = "--chain", required = true, paramLabel = "NAME", description = "A chain from the config")
        String chain;

        @Option(names = "--contract", required = true, paramLabel = "ADDRESS", description = "The token contract")
        String contract;

        @Option(names = "--token-id", required = true, paramLabel = "N", description = "The token id (decimal)")
        BigInteger tokenId;
    }

    @Override
    public Integer call() {
        LorekeeperConfig c = config.load().config();
        MetadataFetcher fetcher = GateWiring.metadata(c, null, Clock.systemUTC());
        TokenMetadata m = source.uri != null ? fetcher.fetch(source.uri) : fromChain(c, fetcher);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(m));
        } else if (m.ok()) {
            out.println("name: " + orDash(m.name()));
            out.println("description: " + orDash(m.description()));
            out.println("image: " + orDash(m.image()));
            out.println("image link: " + orDash(m.imageUrl()));
            m.attributes().forEach(a -> out.println("trait " + a.traitType() + ": " + a.value()));
            m.warnings().forEach(w -> out.println("warning: " + w));
        } else {
            spec.commandLine().getErr().println("error: " + m.error());
        }
        out.flush();
        return m.ok() ? 0 : 1;
    }

    private TokenMetadata fromChain(LorekeeperConfig c, MetadataFetcher fetcher) {
        Token t = source.token;
        if (!c.chains().containsKey(t.chain)) {
            throw new CliFailure(
                    2,
                    "error: --chain " + t.chain + " is not configured; configured chains: "
                            + (c.chains().isEmpty()
                                    ? "none (add one under chains: in the config)"
                                    : c.chains().keySet()));
        }
        if (!t.contract.matches("0x[0-9a-fA-F]{40}")) {
            throw new CliFailure(2, "error: --contract must be a 0x-prefixed 20-byte hex address");
        }
        if (t.tokenId.signum() < 0) {
            throw new CliFailure(2, "error: --token-id must not be negative");
        }
        var chains = GateWiring.chains(c);
        return new TokenMetadataLocator(GateWiring.reader(c.gating(), chains), fetcher)
                .metadata(t.chain, t.contract, t.tokenId);
    }

    static ObjectNode toJson(TokenMetadata m) {
        ObjectNode o = SiweCommand.JSON
                .createObjectNode()
                .put("ok", m.ok())
                .put("name", m.name())
                .put("description", m.description())
                .put("image", m.image())
                .put("imageUrl", m.imageUrl());
        ArrayNode attrs = o.putArray("attributes");
        m.attributes()
                .forEach(a -> attrs.addObject().put("trait_type", a.traitType()).put("value", a.value()));
        ArrayNode warnings = o.putArray("warnings");
        m.warnings().forEach(warnings::add);
        o.put("error", m.error());
        return o;
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
