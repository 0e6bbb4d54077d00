package dev.lorekeeper.knowledge;

import dev.lorekeeper.llm.LlmCall;
import dev.lorekeeper.llm.LlmGateway;
import dev.lorekeeper.llm.PromptTemplates;
import java.util.List;
import java.util.Map;

/**
 * Turns a follow-up ("and how much was it?") into a standalone question before retrieval: with the model when one
 * is configured, otherwise by joining it to the thread's first question, which keeps its topic words.
 */
public final class FollowUpRewriter {
    private final LlmGateway llm;
    private final PromptTemplates prompts;

    public FollowUpRewriter(LlmGateway llm, PromptTemplates prompts) {
        this.llm = llm;
        this.prompts = prompts;
    }

    public String standalone(List<Conversations.Turn> history, String followUp, LlmCall call) {
        if (history.isEmpty()) {
            return followUp;
        }
        if (llm != null) {
            StringBuilder h = new StringBuilder();
            history.forEach(t -> h.append("Member: ")
                    .append(t.question())
                    .append("\nBot: ")
                    .append(t.answer().length() > 600 ? t.answer().substring(0, 600) + "…" : t.answer())
                    .append('\n'));
            var reply = llm.chat(
                            call,
                            "You rewrite questions.",
                            prompts.render(
                                    "rewrite", Map.of("history", h.toString().strip(), "question", followUp)))
                    .reply();
            if (reply.isPresent()
                    && !reply.get().text().isBlank()
                    && reply.get().text().length() < 500) {
                return reply.get().text().lines().findFirst().orElse(followUp).strip();
            }
        }
        return history.get(0).question() + " — " + followUp;
    }
}
