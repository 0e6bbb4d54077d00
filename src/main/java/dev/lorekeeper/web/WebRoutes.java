package dev.lorekeeper.web;

import io.javalin.Javalin;

/** A group of routes that a feature adds to the web server. */
@FunctionalInterface
public interface WebRoutes {
    void install(Javalin app);
}
