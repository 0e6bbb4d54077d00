package dev.lorekeeper.web;

import dev.lorekeeper.config.WebConfig;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's own HTTP servers. The public listener serves the verify page and API, living metadata and
 * {@code /healthz}; the admin listener (a private address by default) serves {@code /readyz} and {@code /metrics},
 * which the public listener serves only to holders of the admin token, if one is set. TLS is the reverse proxy's
 * job. Every request is held to {@link HttpLimits}; every response carries strict security headers; no request can
 * produce a stack trace.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final Javalin site;
    private final Javalin admin;

    public WebServer(WebConfig config, List<WebRoutes> routes, HealthRoutes health) {
        this(config, routes, health, HttpLimits.DEFAULTS);
    }

    WebServer(WebConfig config, List<WebRoutes> routes, HealthRoutes health, HttpLimits limits) {
        ClientAddress clients = new ClientAddress(config.trustedProxies());
        site = create(config.bind(), config.port(), limits, clients, false);
        routes.forEach(r -> r.install(site));
        if (!config.adminToken().isEmpty()) {
            AdminToken token = new AdminToken(config.adminToken());
            HealthRoutes.PATHS.forEach(path -> site.before(path, token::require));
            health.install(site);
        }
        admin = create(config.adminBind(), config.adminPort(), limits, clients, true);
        health.install(admin);
        site.start();
        try {
            admin.start();
        } catch (RuntimeException e) {
            site.stop();
            throw e;
        }
        log.info(
                "web server listening on {}:{}, admin paths on {}:{}{}",
                config.bind(),
                port(),
                config.adminBind(),
                adminPort(),
                config.adminToken().isEmpty() ? "" : " and, with the admin token, on the public port");
    }

    public int port() {
        return site.port();
    }

    public int adminPort() {
        return admin.port();
    }

    private static Javalin create(String bind, int port, HttpLimits limits, ClientAddress clients, boolean admin) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = limits.maxBodyBytes(); // a second line behind RequestBody
            cfg.appData(RequestBody.LIMITS, limits);
            cfg.contextResolver.ip = ctx -> clients.resolve(
                    ctx.req().getRemoteAddr(), Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
            if (admin) {
                // A few threads are plenty for scrapes, and keep the admin side from competing with members.
                cfg.jetty.threadPool = new QueuedThreadPool(8, 2);
            }
            holdToLimits(cfg, bind, port, limits, admin);
        });
        app.before(WebServer::securityHeaders);
        app.get("/healthz", ctx -> ctx.result("ok"));
        app.exception(RequestRejected.class, (e, ctx) -> {
            // The rest of a refused body is never read: close, so that Jetty does not drain it to reuse the
            // connection while the client goes on sending.
            ctx.header("Connection", "close");
            ctx.status(e.status()).json(Map.of("ok", false, "message", e.getMessage()));
        });
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.endpointHandlerPath(), e); // the path may hold a token
            ctx.status(500).json(Map.of("ok", false, "message", "Something went wrong on our side. Please try again."));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().startsWith("Endpoint")) {
                ctx.result("Not found");
            }
        });
        return app;
    }

    /** Jetty's side of {@link HttpLimits}: header size, slow clients, and no body parsing of its own. */
    private static void holdToLimits(JavalinConfig cfg, String bind, int port, HttpLimits limits, boolean admin) {
        cfg.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(limits.maxHeaderBytes());
            http.setMinRequestDataRate(limits.minBodyBytesPerSecond());
            // Jetty would otherwise parse form bodies by itself when a parameter is asked for, outside the cap.
            http.setFormEncodedMethods();
            http.setSendServerVersion(false);
        });
        cfg.jetty.addConnector((server, http) -> {
            HeaderDeadlineConnectionFactory factory =
                    new HeaderDeadlineConnectionFactory(http, limits.headerDeadline());
            // One acceptor and one selector fit the admin side's small pool on any number of cores.
            ServerConnector connector =
                    admin ? new ServerConnector(server, 1, 1, factory) : new ServerConnector(server, factory);
            connector.setHost(bind);
            connector.setPort(port);
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            return connector;
        });
    }

    /** Strict by default: no third-party scripts, no framing, no referrer leaks of the one-time link. */
    private static void securityHeaders(Context ctx) {
        ctx.header(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; "
                        + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
                        + "frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    @Override
    public void close() {
        try {
            admin.stop();
        } finally {
            site.stop();
        }
    }
}
