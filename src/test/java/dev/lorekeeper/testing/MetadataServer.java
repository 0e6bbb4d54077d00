package dev.lorekeeper.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Token metadata over HTTP, as an IPFS gateway or a collection's API would serve it: {@code GET /meta/{id}} is an
 * "Ember Fox #id" with two traits and an ipfs:// image. Point a test NFT's base URI at {@link #baseUri()}.
 */
public final class MetadataServer implements AutoCloseable {
    public static final String IMAGE_CID = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";
    /**
     * Config for a bot whose token URIs point here: this server is on 127.0.0.1, which token URIs may reach only when
     * the operator allows private networks.
     */
    public static final String ALLOW_PRIVATE_NETWORKS_YAML = """
            outbound:
              allow-private-networks: true
            """;

    private final HttpServer server;

    public MetadataServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/meta/", ex -> {
            String id = ex.getRequestURI().getPath().substring("/meta/".length());
            byte[] body = ("{\"name\":\"Ember Fox #" + id + "\",\"description\":\"A fox that guards the embers.\","
                            + "\"image\":\"ipfs://" + IMAGE_CID + "/" + id
                            + ".png\",\"attributes\":[{\"trait_type\":\"Fur\","
                            + "\"value\":\"Red\"},{\"trait_type\":\"Eyes\",\"value\":\"Glow\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
    }

    public String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/meta/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
