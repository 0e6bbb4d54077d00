package dev.lorekeeper.web;

import dev.lorekeeper.config.Cidr;
import dev.lorekeeper.config.WebConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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

    static HealthRoutes noChecks() {
        return new HealthRoutes(List.of(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }
}
