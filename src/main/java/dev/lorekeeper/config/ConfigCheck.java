package dev.lorekeeper.config;

import java.util.List;

/**
 * A check of a bound config that belongs to a feature (its rules, say), so that {@code config check} reports the
 * feature's problems with every other problem, each with its path, while this package knows no feature.
 */
@FunctionalInterface
public interface ConfigCheck {
    List<ConfigProblem> check(LorekeeperConfig config);
}
