package dev.lorekeeper.character;

import java.time.Instant;

/** One thing a character lived through. Importance runs from 1 (small talk) to 10 (life-changing). */
public record Memory(long id, String kind, String text, int importance, Instant createdAt) {}
