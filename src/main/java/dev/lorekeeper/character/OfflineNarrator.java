package dev.lorekeeper.character;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lorekeeper.chain.TokenMetadata;
import dev.lorekeeper.llm.GeneratedText;
import dev.lorekeeper.store.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Tells stories without a model, from the templates in {@code prompts/offline-narrator.yaml}. Every pick comes from
 * a generator seeded by the token (and the quest number), so the same token always gets the same persona and the
 * same n-th quest, while different tokens get different ones.
 */
public final class OfflineNarrator {
    static final int MAX_REROLLS = 24;

    private final JsonNode t;

    public OfflineNarrator(String yaml) {
        try {
            this.t = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("prompts/offline-narrator.yaml is not valid YAML: " + e.getMessage(), e);
        }
        for (String key : List.of(
                "archetypes",
                "backstories",
                "places",
                "foes",
                "relics",
                "allies",
                "titles",
                "hooks",
                "steps",
                "finales",
                "choices",
                "talk")) {
            if (!t.path(key).isArray() || t.path(key).isEmpty()) {
                throw new IllegalArgumentException(
                        "prompts/offline-narrator.yaml: '" + key + "' must be a non-empty list");
            }
        }
    }

    /** The persona of a token, from its traits, name and description. */
    public Persona persona(TokenRef token, TokenMetadata meta) {
        Random random = seeded(token.key(), "persona");
        String name = nameOf(token, meta);
        List<String> traits = meta.attributes().stream()
                .map(a -> a.traitType() + ": " + a.value())
                .toList();
        JsonNode archetype = archetype(meta, random);
        String trait = meta.attributes().isEmpty()
                ? "spirit"
                : meta.attributes().get(0).value().toLowerCase(Locale.ROOT) + " "
                        + meta.attributes().get(0).traitType().toLowerCase(Locale.ROOT);
        Fill fill = new Fill(name, archetype.path("name").asText(), trait, random);
        String greeting = pick(archetype.path("lines"), random).asText();
        return new Persona(
                name,
                archetype.path("name").asText(),
                archetype.path("voice").asText(),
                fill.apply(pick(t.path("backstories"), random).asText()),
                greeting,
                traits,
                stats(meta),
                "offline");
    }

    static String nameOf(TokenRef token, TokenMetadata meta) {
        return meta.name() == null || meta.name().isBlank()
                ? "Token #" + token.tokenId()
                : meta.name().strip();
    }

    private JsonNode archetype(TokenMetadata meta, Random random) {
        String haystack = (meta.name() + " " + meta.description() + " "
                        + meta.attributes().stream()
                                .map(a -> a.traitType() + " " + a.value())
                                .reduce("", (a, b) -> a + " " + b))
                .toLowerCase(Locale.ROOT);
        Set<String> words = new java.util.HashSet<>(java.util.Arrays.asList(haystack.split("[^a-z0-9]+")));
        JsonNode best = null;
        long bestHits = 0;
        for (JsonNode a : t.path("archetypes")) {
            long hits = StreamSupport.stream(a.path("keywords").spliterator(), false)
                    .filter(k -> words.contains(k.asText().toLowerCase(Locale.ROOT)))
                    .count();
            if (hits > bestHits) {
                best = a;
                bestHits = hits;
            }
        }
        return best != null ? best : pick(t.path("archetypes"), random);
    }

    /** Might, wits and heart from 1 to 10; each trait nudges them by its own hash, so they never change. */
    static Persona.Stats stats(TokenMetadata meta) {
        int might = 3;
        int wits = 3;
        int heart = 3;
        for (TokenMetadata.Attribute a : meta.attributes()) {
            int h = new BigInteger(1, Hashes.sha256(a.traitType() + "=" + a.value())).intValue();
            might += h & 3;
            wits += (h >> 2) & 3;
            heart += (h >> 4) & 3;
        }
        return new Persona.Stats(Math.min(10, might), Math.min(10, wits), Math.min(10, heart));
    }

    /** The n-th quest of a character, re-rolled (deterministically) while its title or hook was used lately. */
    public QuestPlan quest(
            GameCharacter c, int questNumber, Collection<String> recentTitles, Collection<String> recentHooks) {
        QuestPlan plan = null;
        for (int roll = 0; roll < MAX_REROLLS; roll++) {
            plan = quest(c, seeded(c.token().key(), "quest-" + questNumber + "-" + roll));
            if (!recentTitles.contains(plan.title()) && !recentHooks.contains(plan.hook())) {
                return plan;
            }
        }
        return plan;
    }

    private QuestPlan quest(GameCharacter c, Random random) {
        Fill fill = new Fill(c.name(), c.persona().archetype(), traitOf(c.persona()), random);
        String title = fill.apply(pick(t.path("titles"), random).asText());
        String hook = fill.apply(pick(t.path("hooks"), random).asText());
        int stepCount = 3 + random.nextInt(3);
        List<JsonNode> stepPool = shuffled(t.path("steps"), random);
        List<QuestPlan.Step> steps = new ArrayList<>();
        for (int i = 0; i < stepCount; i++) {
            String text = i == stepCount - 1
                    ? pick(t.path("finales"), random).asText()
                    : stepPool.get(i % stepPool.size()).asText();
            List<JsonNode> choicePool = shuffled(t.path("choices"), random);
            int choiceCount = 2 + random.nextInt(2);
            List<QuestPlan.Choice> choices = new ArrayList<>();
            for (int j = 0; j < choiceCount; j++) {
                JsonNode ch = choicePool.get(j % choicePool.size());
                choices.add(new QuestPlan.Choice(
                        truncate(fill.apply(ch.path("label").asText()), 60),
                        fill.apply(ch.path("outcome").asText()),
                        Math.max(0, Math.min(60, ch.path("xp").asInt(10))),
                        ch.hasNonNull("item") ? fill.apply(ch.path("item").asText()) : null));
            }
            steps.add(new QuestPlan.Step(fill.apply(text), choices));
        }
        return new QuestPlan(truncate(title, 80), truncate(hook, 400), steps);
    }

    /**
     * An in-character reply that draws on what the character remembers. It repeats the member's words (and may
     * recall their earlier ones) in a public reply, so their links and mentions are taken out first: the bot must
     * never post a member's link for them.
     */
    public String talk(GameCharacter c, String message, List<Memory> recalled, long turn) {
        Random random = seeded(c.token().key(), "talk-" + turn);
        String memory = recalled.isEmpty()
                ? t.path("memories").path("none").asText("")
                : t.path("memories")
                        .path("recall")
                        .asText("{memory}")
                        .replace(
                                "{memory}",
                                GeneratedText.withoutLinksOrMentions(recalled.get(random.nextInt(recalled.size()))
                                                .text())
                                        .replaceAll("[.!?]+$", ""));
        String topic = truncate(
                GeneratedText.withoutLinksOrMentions(message)
                        .replaceAll("\\s+", " ")
                        .strip(),
                60);
        return pick(t.path("talk"), random)
                .asText()
                .replace("{line}", c.persona().greeting())
                .replace("{topic}", topic)
                .replace("{memory}", memory);
    }

    /** A plain summary: the most important recent memories, newest last. */
    public String summarize(String previous, List<Memory> recent) {
        StringBuilder sb = new StringBuilder();
        recent.stream()
                .sorted((a, b) -> Integer.compare(b.importance(), a.importance()))
                .limit(5)
                .sorted((a, b) -> a.createdAt().compareTo(b.createdAt()))
                .forEach(m -> sb.append(m.text()).append(' '));
        String lately = sb.toString().strip();
        String joined = previous.isBlank() ? lately : previous + " Later: " + lately;
        return joined.length() <= 900 ? joined : "…" + joined.substring(joined.length() - 899);
    }

    private static String traitOf(Persona p) {
        if (p.traits().isEmpty()) {
            return "spirit";
        }
        String[] kv = p.traits().get(0).split(": ", 2);
        return kv.length == 2 ? (kv[1] + " " + kv[0]).toLowerCase(Locale.ROOT) : "spirit";
    }

    private final class Fill {
        private final String name;
        private final String archetype;
        private final String trait;
        private final String place;
        private final String foe;
        private final String relic;
        private final String ally;

        Fill(String name, String archetype, String trait, Random random) {
            this.name = name;
            this.archetype = archetype;
            this.trait = trait;
            this.place = pick(t.path("places"), random).asText();
            this.foe = pick(t.path("foes"), random).asText();
            this.relic = pick(t.path("relics"), random).asText();
            this.ally = pick(t.path("allies"), random).asText();
        }

        String apply(String template) {
            String s = template.replace("{name}", name)
                    .replace("{archetype}", archetype)
                    .replace("{trait}", trait)
                    .replace("{place}", place)
                    .replace("{foe}", foe)
                    .replace("{relic}", relic)
                    .replace("{ally}", ally);
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }

    private static JsonNode pick(JsonNode list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    private static List<JsonNode> shuffled(JsonNode list, Random random) {
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        java.util.Collections.shuffle(out, random);
        return out;
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static Random seeded(String key, String purpose) {
        return new Random(new BigInteger(1, Hashes.sha256(key + "|" + purpose)).longValue());
    }
}
