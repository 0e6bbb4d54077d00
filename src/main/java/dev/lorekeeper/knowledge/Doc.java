package dev.lorekeeper.knowledge;

/** A source document: its path relative to the docs folder, title, Markdown-shaped text and content hash. */
public record Doc(String path, String title, String text, String hash) {}
