package dev.lorekeeper.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lorekeeper.http.OutboundHttp;
import dev.lorekeeper.http.Trust;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Resolves token metadata URIs ({@code ipfs://}, {@code ar://}, {@code https://}, {@code data:application/json}) and
 * reads the JSON field by field, so one bad field never loses the rest. Bodies are capped at 1 MB; images are only
 * ever turned into https links, never fetched. An {@code http(s)://} URI is whatever the contract's deployer wrote,
 * so it is fetched as untrusted; {@code ipfs://} and {@code ar://} go to gateways that the operator (or this class)
 * chose, so those are fetched as configured URLs.
 */
public final class MetadataFetcher {
    static final int MAX_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where metadata comes from and how long it is kept: IPFS and Arweave gateways, each tried in order, the deadline
     * of one fetch, the age after which a stored copy is fetched again, and the memory cache's size in (estimated)
     * bytes.
     */
    public record Settings(
            List<String> ipfsGateways,
            List<String> arweaveGateways,
            Duration timeout,
            Duration refresh,
            long cacheMaxBytes) {
        public static final long DEFAULT_CACHE_MAX_BYTES = 32L * 1024 * 1024;
        public static final String ARWEAVE_NET = "https://arweave.net/";

        /** With arweave.net as the only Arweave gateway. */
        public Settings(List<String> ipfsGateways, Duration timeout, Duration refresh, long cacheMaxBytes) {
            this(ipfsGateways, List.of(ARWEAVE_NET), timeout, refresh, cacheMaxBytes);
        }

        public static Settings of(List<String> ipfsGateways, Duration timeout) {
            return new Settings(ipfsGateways, timeout, Duration.ofHours(6), DEFAULT_CACHE_MAX_BYTES);
        }
    }

    private final List<String> ipfsGateways;
    private final List<String> arweaveGateways;
    private final OutboundHttp http;
    private final Duration timeout;
    private final MetadataStore store;
    private final Duration refresh;
    private final Clock clock;
    private final Cache<String, TokenMetadata> cache;

    /** Memory cache only (for tools and tests). */
    public MetadataFetcher(Settings settings, OutboundHttp http) {
        this(settings, http, null, Clock.systemUTC());
    }

    /**
     * With a database copy of every fetched body: it survives restarts, is refreshed after {@code refresh}, and is
     * served (with a warning) when a refresh fails.
     */
    public MetadataFetcher(Settings settings, OutboundHttp http, MetadataStore store, Clock clock) {
        this.ipfsGateways = settings.ipfsGateways().stream()
                .map(g -> g.endsWith("/") ? g : g + "/")
                .toList();
        this.arweaveGateways = settings.arweaveGateways().stream()
                .map(g -> g.endsWith("/") ? g : g + "/")
                .toList();
        this.timeout = settings.timeout();
        this.store = store;
        this.refresh = settings.refresh();
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(settings.cacheMaxBytes())
                .weigher(CacheWeights::metadata)
                .expireAfterWrite(refresh)
                .build();
        this.http = http;
    }

    public TokenMetadata fetch(String uri) {
        if (uri == null || uri.isBlank()) {
            return TokenMetadata.failed("the token has no metadata URI");
        }
        TokenMetadata cached = cache.getIfPresent(uri);
        if (cached != null) {
            return cached;
        }
        TokenMetadata m = load(uri.trim());
        if (m.ok()) {
            cache.put(uri, m);
        }
        return m;
    }

    private TokenMetadata load(String uri) {
        try {
            if (uri.startsWith("data:")) {
                return parse(dataUri(uri));
            }
            Optional<MetadataStore.Stored> stored = store == null ? Optional.empty() : store.get(uri);
            if (stored.isPresent() && stored.get().fetchedAt().plus(refresh).isAfter(clock.instant())) {
                return parse(stored.get().body());
            }
            List<String> urls = httpUrls(uri);
            Trust trust = uri.startsWith("https://") || uri.startsWith("http://") ? Trust.UNTRUSTED : Trust.CONFIGURED;
            String lastError = "no gateway answered";
            for (String url : urls) {
                try {
                    String body = get(trust, url);
                    TokenMetadata m = parse(body);
                    if (m.ok() && store != null) {
                        store.put(uri, body);
                    }
                    return m;
                } catch (MetadataTooLarge e) {
                    lastError = e.getMessage();
                } catch (IOException e) {
                    // for an untrusted URL the message is one of a few fixed texts: see OutboundHttp.get
                    lastError = "the metadata URL could not be fetched ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
                }
            }
            if (stored.isPresent()) {
                TokenMetadata old = parse(stored.get().body());
                List<String> warnings = new ArrayList<>(old.warnings());
                warnings.add("served from the copy fetched at " + stored.get().fetchedAt() + "; refreshing failed: "
                        + lastError);
                return new TokenMetadata(
                        old.ok(),
                        old.name(),
                        old.description(),
                        old.image(),
                        old.imageUrl(),
                        old.attributes(),
                        List.copyOf(warnings),
                        old.error());
            }
            return TokenMetadata.failed(lastError);
        } catch (IllegalArgumentException e) {
            return TokenMetadata.failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TokenMetadata.failed("interrupted");
        }
    }

    /** Estimated bytes held by the memory cache. */
    long cachedBytes() {
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /** The https URLs to try for a URI: the configured gateways in order for IPFS and Arweave. */
    List<String> httpUrls(String uri) {
        if (uri.startsWith("ipfs://")) {
            String path = gatewayPath(uri.substring("ipfs://".length()).replaceFirst("^ipfs/", ""));
            return ipfsGateways.stream().map(g -> g + path).toList();
        }
        if (uri.startsWith("ar://")) {
            String path = gatewayPath(uri.substring("ar://".length()));
            return arweaveGateways.stream().map(g -> g + path).toList();
        }
        if (uri.startsWith("https://") || uri.startsWith("http://")) {
            return List.of(uri);
        }
        if (uri.matches("(Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{50,})(/.*)?")) {
            return ipfsGateways.stream().map(g -> g + uri).toList();
        }
        throw new IllegalArgumentException("unsupported metadata URI scheme: " + uri.split(":", 2)[0]);
    }

    /**
     * A content path appended to a gateway the operator trusts: it may not climb out of the gateway's content
     * namespace ({@code ipfs://../admin}) or carry a query or fragment of its own.
     */
    private static String gatewayPath(String path) {
        String decoded =
                path.replaceAll("(?i)%2e", ".").replaceAll("(?i)%2f", "/").replace('\\', '/');
        if (decoded.matches("(?s)(.*/)?\\.{1,2}(/.*)?")
                || path.contains("?")
                || path.contains("#")
                || path.startsWith("/")) {
            throw new IllegalArgumentException(
                    "the content path '" + abbreviate(path) + "' leaves its content " + "address; refused");
        }
        return path;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    /** A browser-safe https link for an image URI; never fetched, and on-chain SVG is not inlined anywhere. */
    public String imageUrl(String image) {
        if (image == null || image.isBlank() || image.startsWith("data:")) {
            return null;
        }
        try {
            String url = httpUrls(image.trim()).get(0);
            return url.startsWith("https://") ? url : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String get(Trust trust, String url) throws IOException, InterruptedException {
        OutboundHttp.Body body = http.get(trust, url, "application/json", timeout, MAX_BYTES);
        if (body.truncated()) {
            throw new MetadataTooLarge();
        }
        return body.text();
    }

    private static final class MetadataTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        MetadataTooLarge() {
            super("metadata larger than 1 MB");
        }
    }

    static String dataUri(String uri) {
        int comma = uri.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("malformed data: URI");
        }
        String meta = uri.substring(5, comma);
        String payload = uri.substring(comma + 1);
        if (payload.length() > MAX_BYTES * 2) {
            throw new IllegalArgumentException("metadata larger than 1 MB");
        }
        if (meta.endsWith(";base64")) {
            try {
                return new String(Base64.getDecoder().decode(payload.replaceAll("\\s", "")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the data: URI is marked base64 but is not valid base64");
            }
        }
        try {
            return URLDecoder.decode(payload.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return payload; // a literal '%' in unescaped JSON text: take the text as it is
        }
    }

    TokenMetadata parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return TokenMetadata.failed("metadata is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return TokenMetadata.failed("metadata is not a JSON object");
        }
        List<String> warnings = new ArrayList<>();
        String name = text(root, "name", warnings);
        String description = text(root, "description", warnings);
        String image = text(root, "image", warnings);
        List<TokenMetadata.Attribute> attributes = new ArrayList<>();
        JsonNode attrs = root.path("attributes");
        if (attrs.isObject()) {
            // some collections publish {"Background": "Gold"} instead of the OpenSea list form
            attrs.properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    attributes.add(
                            new TokenMetadata.Attribute(e.getKey(), e.getValue().asText()));
                } else {
                    warnings.add("attributes." + e.getKey() + " is not a single value; skipped");
                }
            });
        } else if (!attrs.isMissingNode() && !attrs.isNull() && !attrs.isArray()) {
            warnings.add("attributes is not a list; ignored");
        }
        for (int i = 0; attrs.isArray() && i < attrs.size(); i++) {
            JsonNode a = attrs.get(i);
            if (!a.isObject()
                    || !a.path("trait_type").isValueNode()
                    || !a.path("value").isValueNode()
                    || a.path("value").isNull()) {
                warnings.add("attributes[" + i + "] has no trait_type or value; skipped");
                continue;
            }
            attributes.add(new TokenMetadata.Attribute(
                    a.path("trait_type").asText(), a.path("value").asText()));
        }
        return new TokenMetadata(
                true, name, description, image, imageUrl(image), List.copyOf(attributes), List.copyOf(warnings), null);
    }

    private static String text(JsonNode root, String field, List<String> warnings) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            warnings.add(field + " is not text; ignored");
            return null;
        }
        return n.asText();
    }
}
