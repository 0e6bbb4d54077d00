package dev.lorekeeper.llm;

/** Who an LLM call is for, so its tokens are counted against the right budgets and shown in /stats. */
public record LlmCall(String feature, long guildId, long memberId, Long characterId) {
    /** A call from the command line: counted under server 0, never budget-limited by a member. */
    public static LlmCall cli(String feature) {
        return new LlmCall(feature, 0, 0, null);
    }

    public static LlmCall of(String feature, long guildId, long memberId) {
        return new LlmCall(feature, guildId, memberId, null);
    }
}
