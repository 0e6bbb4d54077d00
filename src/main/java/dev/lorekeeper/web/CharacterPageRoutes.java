package dev.lorekeeper.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lorekeeper.RateLimiter;
import dev.lorekeeper.character.PublicCharacters;
import dev.lorekeeper.character.TokenRef;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Public character pages, {@code /c/{chain}/{contract}/{tokenId}}: the character's name, persona, portrait (the
 * metadata's image, linked, never proxied), progress, story and completed quests, with OpenGraph tags so that a link
 * unfurls. Rendered pages are cached for a minute and each client may ask for a limited number per minute; unknown or
 * hidden characters get a plain 404.
 */
public final class CharacterPageRoutes implements WebRoutes {
    static final Duration CACHED_FOR = Duration.ofSeconds(60);
    static final int PAGES_PER_MINUTE = 60;
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private final PublicCharacters characters;
    private final Set<String> chains;
    private final Function<String, Optional<Long>> chainIds;
    private final String publicUrl;
    private final String csp;
    private final RateLimiter perClient = new RateLimiter(PAGES_PER_MINUTE, Duration.ofMinutes(1));
    private final Cache<String, Rendered> cache = Caffeine.newBuilder()
            .expireAfterWrite(CACHED_FOR)
            .maximumSize(10_000)
            .build();

    private record Rendered(int status, String contentType, String content) {}

    /** A page's links, prepared so the template has no logic. */
    public record Links(String self, String card, String metadata, String image) {}

    public CharacterPageRoutes(
            PublicCharacters characters,
            Set<String> chains,
            Function<String, Optional<Long>> chainIds,
            String publicUrl,
            List<String> imageGateways) {
        this.characters = characters;
        this.chains = Set.copyOf(chains);
        this.chainIds = chainIds;
        this.publicUrl = publicUrl;
        StringBuilder images = new StringBuilder("'self' https:");
        // Gateways the operator configured over plain http (a local IPFS node) are allowed by their origin.
        imageGateways.stream()
                .filter(g -> g.startsWith("http://"))
                .map(CharacterPageRoutes::origin)
                .distinct()
                .forEach(o -> images.append(' ').append(o));
        this.csp = "default-src 'none'; style-src 'self'; img-src " + images
                + "; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
    }

    @Override
    public void install(Javalin app) {
        app.get("/c/static/character.css", this::css);
        app.get("/c/{chain}/{contract}/{tokenId}", ctx -> serve(ctx, false));
        app.get("/c/{chain}/{contract}/{tokenId}/card.json", ctx -> serve(ctx, true));
    }

    private void serve(Context ctx, boolean card) {
        ctx.header("Content-Security-Policy", csp);
        if (!perClient.tryAcquire(ctx.ip())) {
            ctx.status(429)
                    .header("Retry-After", "60")
                    .contentType("text/plain")
                    .result("Too many requests.");
            return;
        }
        String chain = ctx.pathParam("chain");
        String contract = ctx.pathParam("contract");
        String tokenId = ctx.pathParam("tokenId");
        String key =
                (card ? "card:" : "page:") + chain + ":" + contract.toLowerCase(java.util.Locale.ROOT) + ":" + tokenId;
        Rendered r = cache.get(key, k -> render(chain, contract, tokenId, card));
        ctx.status(r.status()).contentType(r.contentType());
        if (r.status() == 200) {
            ctx.header("Cache-Control", "public, max-age=" + CACHED_FOR.toSeconds());
        }
        ctx.result(r.content());
    }

    private Rendered render(String chain, String contract, String tokenId, boolean card) {
        if (!chains.contains(chain) || !contract.matches("0x[0-9a-fA-F]{40}") || !tokenId.matches("\\d{1,78}")) {
            return notFound();
        }
        TokenRef token = new TokenRef(chain, contract, new BigInteger(tokenId));
        Optional<PublicCharacters.Page> page = characters.page(token);
        if (page.isEmpty()) {
            return notFound();
        }
        if (card) {
            return new Rendered(200, "application/json", page.get().cardJson());
        }
        String path = "/c/" + chain + "/" + token.contract() + "/" + tokenId;
        String image = page.get().character().imageUrl();
        Links links = new Links(
                publicUrl + path,
                path + "/card.json",
                chainIds.apply(chain)
                        .map(id -> "/metadata/" + id + "/" + token.contract() + "/" + tokenId)
                        .orElse(null),
                image != null && (image.startsWith("https://") || image.startsWith("http://")) ? image : null);
        Map<String, Object> params = new HashMap<>();
        params.put("page", page.get());
        params.put("links", links);
        return new Rendered(200, "text/html; charset=utf-8", render("character/page.jte", params));
    }

    private static Rendered notFound() {
        return new Rendered(404, "text/html; charset=utf-8", render("character/notfound.jte", Map.of()));
    }

    private static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, params, out);
        return out.toString();
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    private void css(Context ctx) throws IOException {
        try (InputStream in = CharacterPageRoutes.class.getResourceAsStream("/web/character.css")) {
            ctx.header("Cache-Control", "public, max-age=3600");
            ctx.contentType("text/css").result(in == null ? new byte[0] : in.readAllBytes());
        }
    }
}
