package dev.lorekeeper.character;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A character as a Character Card V2 (the format SillyTavern and other tools read): persona in the standard
 * fields, its memories as a character book, and its token, level, XP and inventory under extensions.lorekeeper.
 */
final class CardV2 {
    private CardV2() {}

    static String json(GameCharacter c, List<Memory> memories, List<Quest> quests) {
        ObjectNode root = QuestPlanParser.JSON
                .createObjectNode()
                .put("spec", "chara_card_v2")
                .put("spec_version", "2.0");
        ObjectNode data = root.putObject("data");
        Persona p = c.persona();
        data.put("name", c.name())
                .put(
                        "description",
                        p.backstory() + (p.traits().isEmpty() ? "" : "\nTraits: " + String.join(", ", p.traits())))
                .put("personality", p.archetype() + "; " + p.voice())
                .put(
                        "scenario",
                        c.summary().isBlank()
                                ? c.name() + " is a level " + c.level() + " " + p.archetype()
                                        + " looking for its next adventure."
                                : c.summary())
                .put("first_mes", p.greeting())
                .put("mes_example", "")
                .put(
                        "creator_notes",
                        "Exported by Lorekeeper from token #" + c.token().tokenId() + " of "
                                + c.token().contract() + " on " + c.token().chain()
                                + ". The story stays with the token.")
                .put("system_prompt", "")
                .put("post_history_instructions", "")
                .put("creator", "Lorekeeper")
                .put("character_version", "persona v" + c.personaVersion() + ", level " + c.level());
        data.putArray("alternate_greetings");
        ArrayNode tags = data.putArray("tags");
        tags.add(p.archetype());
        p.traits().forEach(t -> tags.add(t.substring(t.indexOf(": ") + 2)));
        ObjectNode book = data.putObject("character_book");
        book.put("name", c.name() + "'s memories");
        book.putObject("extensions");
        ArrayNode entries = book.putArray("entries");
        for (int i = 0; i < memories.size(); i++) {
            Memory m = memories.get(i);
            ObjectNode e = entries.addObject();
            ArrayNode keys = e.putArray("keys");
            MemoryRecall.words(m.text()).keySet().stream().sorted().limit(5).forEach(keys::add);
            e.put("content", m.text())
                    .put("enabled", true)
                    .put("insertion_order", i)
                    .put("id", m.id())
                    .put("priority", m.importance());
            e.putObject("extensions");
        }
        ObjectNode ext = data.putObject("extensions").putObject("lorekeeper");
        ext.put("chain", c.token().chain())
                .put("contract", c.token().contract())
                .put("token_id", c.token().tokenId().toString())
                .put("level", c.level())
                .put("xp", c.xp())
                .put("title", c.title())
                .put("quests_completed", c.questsCompleted());
        ArrayNode inv = ext.putArray("inventory");
        c.inventory().forEach(inv::add);
        ext.set(
                "stats",
                QuestPlanParser.JSON.valueToTree(Map.of(
                        "might",
                        p.stats().might(),
                        "wits",
                        p.stats().wits(),
                        "heart",
                        p.stats().heart())));
        ArrayNode qs = ext.putArray("quests");
        quests.forEach(q -> qs.addObject()
                .put("title", q.plan().title())
                .put("status", q.status().name().toLowerCase(java.util.Locale.ROOT))
                .put("xp", q.xpGained()));
        try {
            return QuestPlanParser.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
