package dev.lorekeeper.character;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a quest from a model's JSON reply and checks it against the schema the prompt asks for. Every problem is
 * named by its path, so that the retry can tell the model exactly what to fix.
 */
public final class QuestPlanParser {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A valid plan, or the problems that made it invalid. */
    public record Parsed(QuestPlan plan, List<String> problems) {
        public boolean valid() {
            return plan != null;
        }
    }

    public Parsed parse(String reply) {
        JsonNode root;
        try {
            root = JSON.readTree(stripFences(reply));
        } catch (JsonProcessingException e) {
            return new Parsed(null, List.of("the reply is not JSON (" + e.getOriginalMessage() + ")"));
        }
        if (root == null || !root.isObject()) {
            return new Parsed(null, List.of("the reply must be one JSON object"));
        }
        List<String> problems = new ArrayList<>();
        String title = text(root, "title", 3, 80, problems);
        String hook = text(root, "hook", 10, 400, problems);
        List<QuestPlan.Step> steps = new ArrayList<>();
        JsonNode stepsNode = root.path("steps");
        if (!stepsNode.isArray() || stepsNode.size() < 3 || stepsNode.size() > 5) {
            problems.add("steps: must be an array of 3 to 5 steps");
        } else {
            for (int i = 0; i < stepsNode.size(); i++) {
                steps.add(step(stepsNode.get(i), "steps[" + i + "]", problems));
            }
        }
        return problems.isEmpty()
                ? new Parsed(new QuestPlan(title, hook, steps), List.of())
                : new Parsed(null, List.copyOf(problems));
    }

    private static QuestPlan.Step step(JsonNode node, String path, List<String> problems) {
        String text = text(node, "text", 10, 600, problems, path);
        List<QuestPlan.Choice> choices = new ArrayList<>();
        JsonNode arr = node.path("choices");
        if (!arr.isArray() || arr.size() < 2 || arr.size() > 3) {
            problems.add(path + ".choices: must be an array of 2 or 3 choices");
            return new QuestPlan.Step(text, choices);
        }
        for (int j = 0; j < arr.size(); j++) {
            JsonNode c = arr.get(j);
            String p = path + ".choices[" + j + "]";
            String label = text(c, "label", 1, 60, problems, p);
            String outcome = text(c, "outcome", 5, 400, problems, p);
            JsonNode xp = c.path("xp");
            if (!xp.canConvertToInt() || !xp.isIntegralNumber() || xp.asInt() < 0 || xp.asInt() > 60) {
                problems.add(p + ".xp: must be a whole number from 0 to 60");
            }
            JsonNode item = c.path("item");
            String itemName = null;
            if (item.isTextual() && !item.asText().isBlank()) {
                itemName = item.asText().strip();
                if (itemName.length() > 60) {
                    problems.add(p + ".item: at most 60 characters");
                }
            } else if (!item.isMissingNode() && !item.isNull() && !item.isTextual()) {
                problems.add(p + ".item: must be a string or null");
            }
            choices.add(new QuestPlan.Choice(label, outcome, xp.asInt(), itemName));
        }
        return new QuestPlan.Step(text, choices);
    }

    static String text(JsonNode node, String field, int min, int max, List<String> problems) {
        return text(node, field, min, max, problems, "");
    }

    private static String text(JsonNode node, String field, int min, int max, List<String> problems, String path) {
        JsonNode v = node.path(field);
        String where = path.isEmpty() ? field : path + "." + field;
        if (!v.isTextual()) {
            problems.add(where + ": must be a string");
            return null;
        }
        String s = v.asText().strip();
        if (s.length() < min || s.length() > max) {
            problems.add(where + ": must be " + min + " to " + max + " characters (got " + s.length() + ")");
        }
        return s;
    }

    /** Models often wrap JSON in a Markdown code fence. */
    static String stripFences(String reply) {
        String s = reply.strip();
        if (s.startsWith("```")) {
            int firstLine = s.indexOf('\n');
            int end = s.lastIndexOf("```");
            if (firstLine > 0 && end > firstLine) {
                return s.substring(firstLine + 1, end).strip();
            }
        }
        return s;
    }
}
