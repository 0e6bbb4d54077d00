package dev.lorekeeper.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's own HTTP server: the verify page and its API, health and metrics. TLS is the reverse proxy's job.
 * Every response carries strict security headers; no request can produce a stack trace.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    static final long MAX_BODY_BYTES = 16 * 1024;

    private final Javalin app;

    public WebServer(String bind, int port, List<WebRoutes> routes) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
        });
        app.before(WebServer::securityHeaders);
        app.get("/healthz", ctx -> ctx.result("ok"));
        routes.forEach(r -> r.install(app));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.endpointHandlerPath(), e); // the path may hold a token
            ctx.status(500).json(java.util.Map.of("ok", false, "message",
                    "Something went wrong on our side. Please try again."));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().startsWith("Endpoint")) {
                ctx.result("Not found");
            }
        });
        app.start(bind, port);
        log.info("web server listening on {}:{}", bind, app.port());
    }

    public int port() {
        return app.port();
    }

    /** Strict by default: no third-party scripts, no framing, no referrer leaks of the one-time link. */
    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
    }

    @Override
    public void close() {
        app.stop();
    }
}
