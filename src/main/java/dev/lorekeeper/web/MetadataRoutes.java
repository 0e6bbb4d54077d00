package dev.lorekeeper.web;

import dev.lorekeeper.character.LivingMetadata;
import io.javalin.Javalin;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Living metadata: {@code GET /metadata/{chainId}/{contract}/{tokenId}} serves ERC-721 metadata JSON of a character
 * with its level, XP, quests completed and title as extra attributes, so a collection whose tokenURI points here
 * shows its NFTs evolve.
 */
public final class MetadataRoutes implements WebRoutes {
    private final LivingMetadata characters;
    private final LongFunction<Optional<String>> chainNames;

    public MetadataRoutes(LivingMetadata characters, LongFunction<Optional<String>> chainNames) {
        this.characters = characters;
        this.chainNames = chainNames;
    }

    @Override
    public void install(Javalin app) {
        app.get("/metadata/{chainId}/{contract}/{tokenId}", ctx -> {
            String chainId = ctx.pathParam("chainId");
            String contract = ctx.pathParam("contract");
            String tokenId = ctx.pathParam("tokenId");
            Optional<String> chain =
                    chainId.matches("\\d{1,18}") ? chainNames.apply(Long.parseLong(chainId)) : Optional.empty();
            if (chain.isEmpty() || !contract.matches("0x[0-9a-fA-F]{40}") || !tokenId.matches("\\d{1,78}")) {
                ctx.status(400)
                        .json(Map.of(
                                "error",
                                "expected /metadata/{chainId}/{contract}/{tokenId} with a "
                                        + "configured chain id, a 0x contract address and a decimal token id"));
                return;
            }
            Optional<Map<String, Object>> meta = characters.of(chain.get(), contract, new BigInteger(tokenId));
            if (meta.isEmpty()) {
                ctx.status(404)
                        .json(Map.of(
                                "error",
                                "no character for this token yet: its holder creates it " + "with /character choose"));
                return;
            }
            ctx.header("Cache-Control", "public, max-age=60").json(meta.get());
        });
    }
}
