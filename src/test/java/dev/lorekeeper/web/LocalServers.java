package dev.lorekeeper.web;

import dev.lorekeeper.config.Cidr;
import dev.lorekeeper.config.WebConfig;
import dev.lorekeeper.store.Database;
import dev.lorekeeper.wallet.SiweVerifier;
import dev.lorekeeper.wallet.VerificationService;
import dev.lorekeeper.wallet.VerifySessions;
import dev.lorekeeper.wallet.VerifySettings;
import dev.lorekeeper.wallet.WalletLinkListener;
import dev.lorekeeper.wallet.WalletLinks;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Web servers for tests: both listeners on loopback ports the system picks. */
final class LocalServers {
    private LocalServers() {}

    static WebServer start(WebRoutes... routes) {
        return new WebServer(WebConfig.loopback(List.of(), ""), List.of(routes), noChecks());
    }

    static WebServer behindProxies(List<Cidr> trustedProxies, WebRoutes... routes) {
        return new WebServer(WebConfig.loopback(trustedProxies, ""), List.of(routes), noChecks());
    }

    static WebServer withLimits(HttpLimits limits, WebRoutes... routes) {
        return new WebServer(WebConfig.loopback(List.of(), ""), List.of(routes), noChecks(), limits);
    }

    static WebServer withAdminToken(String token, HealthRoutes health) {
        return new WebServer(WebConfig.loopback(List.of(), token), List.of(), health);
    }

    /** A verification service on its own database, as the verify routes use it; no chain, no role sync. */
    static VerificationService verification(Database db) {
        Clock clock = Clock.systemUTC();
        return new VerificationService(
                db,
                new VerifySessions(db, clock),
                new WalletLinks(db, clock),
                new SiweVerifier(null, Duration.ofSeconds(30)),
                new VerifySettings("https://verify.example.org", 1, Duration.ofMinutes(10), Duration.ofSeconds(30)),
                WalletLinkListener.NONE,
                clock,
                5);
    }

    static HealthRoutes noChecks() {
        return new HealthRoutes(List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }
}
