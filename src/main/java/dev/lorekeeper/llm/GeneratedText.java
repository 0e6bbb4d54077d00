package dev.lorekeeper.llm;

/**
 * Model output made safe to post: mass and member mentions are broken with a zero-width space (the bot also allows
 * no mentions, this keeps them from even looking like one), and masked links show their real address.
 */
public final class GeneratedText {
    private GeneratedText() {
    }

    public static String defuse(String text) {
        return text.replaceAll("@(everyone|here)", "@\u200b$1")
                .replaceAll("<@([!&]?\\d+)>", "<@\u200b$1>")
                .replaceAll("\\[([^\\]]{1,200})]\\((https?://[^)\\s]{1,500})\\)", "$1 (<$2>)");
    }
}
