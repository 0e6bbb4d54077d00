package dev.lorekeeper.config;

/** One thing wrong with the configuration: where it is and what to do about it. */
public record ConfigProblem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
