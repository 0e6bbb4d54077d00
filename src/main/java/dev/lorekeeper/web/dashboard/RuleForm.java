package dev.lorekeeper.web.dashboard;

import dev.lorekeeper.config.RuleSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule builder's form, without JavaScript: a rule is a tree of nodes whose fields are named by their path
 * ({@code r.kind}, {@code r.0.contract}, {@code r.0.1.min}), and the builder's buttons (add here, remove, apply) send
 * the whole form back so the server re-renders it changed. Saving turns the tree into the same {@link RuleSpec} that
 * the YAML and /gate build, checked by the same validator.
 */
public final class RuleForm {
    public static final List<String> KINDS = List.of("all", "any", "not", "erc721", "erc1155", "erc20", "native");
    static final String ROOT = "r";
    /** Deeper than the validator allows, so that its message (not a silent cut) tells the moderator. */
    private static final int MAX_DEPTH = 10;

    private static final int MAX_CHILDREN = 25;

    private RuleForm() {}

    /** A kind as the builder's menu says it. */
    public static String label(String kind) {
        return switch (kind) {
            case "all" -> "all of";
            case "any" -> "any of";
            case "not" -> "not";
            case "erc721" -> "ERC-721 (NFT)";
            case "erc1155" -> "ERC-1155";
            case "erc20" -> "ERC-20 balance";
            default -> "native balance";
        };
    }

    /** One node of the builder: a combination (all, any, not) with children, or a requirement with its fields. */
    public static final class Node {
        public final String path;
        public String kind = "erc721";
        public String chain = "";
        public String contract = "";
        public String min = "";
        public String max = "";
        public String tokenIds = "";
        public String traits = "";
        public String ids = "";
        public String amount = "";
        public final List<Node> children = new ArrayList<>();

        Node(String path) {
            this.path = path;
        }

        public boolean group() {
            return kind.equals("all") || kind.equals("any") || kind.equals("not");
        }

        public boolean root() {
            return path.equals(ROOT);
        }

        public boolean canAdd() {
            return group() && (!kind.equals("not") || children.isEmpty()) && children.size() < MAX_CHILDREN;
        }

        public boolean shows(String field) {
            return switch (kind) {
                case "erc721" ->
                    List.of("chain", "contract", "min", "max", "tokenIds", "traits")
                            .contains(field);
                case "erc1155" -> List.of("chain", "contract", "ids", "min").contains(field);
                case "erc20" -> List.of("chain", "contract", "amount").contains(field);
                case "native" -> List.of("chain", "amount").contains(field);
                default -> false;
            };
        }

        /** The node's place as people count: {@code r.0.1} is part 1.2. */
        public String label() {
            String[] parts = path.split("\\.");
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < parts.length; i++) {
                out.append(i > 1 ? "." : "").append(Integer.parseInt(parts[i]) + 1);
            }
            return out.toString();
        }

        /** How deep the node sits, for indentation: 0 at the root. */
        public int depth() {
            return (int) path.chars().filter(ch -> ch == '.').count();
        }
    }

    /** The tree as the form sent it. */
    static Node parse(Map<String, String> form) {
        return parse(form, ROOT, 0);
    }

    private static Node parse(Map<String, String> form, String path, int depth) {
        Node n = new Node(path);
        String kind = form.getOrDefault(path + ".kind", "erc721");
        n.kind = KINDS.contains(kind) ? kind : "erc721";
        n.chain = form.getOrDefault(path + ".chain", "").trim();
        n.contract = form.getOrDefault(path + ".contract", "").trim();
        n.min = form.getOrDefault(path + ".min", "").trim();
        n.max = form.getOrDefault(path + ".max", "").trim();
        n.tokenIds = form.getOrDefault(path + ".tokenIds", "").trim();
        n.traits = form.getOrDefault(path + ".traits", "").trim();
        n.ids = form.getOrDefault(path + ".ids", "").trim();
        n.amount = form.getOrDefault(path + ".amount", "").trim();
        if (depth < MAX_DEPTH) {
            // Children are the numbered paths below this one, in number order (gaps left by removals are fine).
            TreeMap<Integer, String> childPaths = new TreeMap<>();
            String prefix = path + ".";
            for (String key : form.keySet()) {
                if (key.startsWith(prefix)
                        && key.endsWith(".kind")
                        && key.length() > prefix.length() + ".kind".length()) {
                    String rest = key.substring(prefix.length(), key.length() - ".kind".length());
                    if (rest.matches("\\d{1,3}")) {
                        childPaths.put(Integer.parseInt(rest), prefix + rest);
                    }
                }
            }
            if (n.group()) {
                childPaths.values().stream()
                        .limit(MAX_CHILDREN)
                        .forEach(p -> n.children.add(parse(form, p, depth + 1)));
            }
        }
        return n;
    }

    /** A stored rule as a builder tree. */
    static Node fromSpec(RuleSpec spec) {
        return fromSpec(spec, ROOT);
    }

    private static Node fromSpec(RuleSpec s, String path) {
        Node n = new Node(path);
        if (s == null) {
            return n;
        }
        List<RuleSpec> children = s.all() != null ? s.all() : s.any() != null ? s.any() : null;
        if (children != null || s.not() != null) {
            n.kind = s.all() != null ? "all" : s.any() != null ? "any" : "not";
            List<RuleSpec> kids = children != null ? children : List.of(s.not());
            for (int i = 0; i < kids.size(); i++) {
                n.children.add(fromSpec(kids.get(i), path + "." + i));
            }
            return n;
        }
        n.kind = s.type() == null ? "erc721" : s.type();
        n.chain = orEmpty(s.chain());
        n.contract = orEmpty(s.contract());
        n.min = s.min() == null ? "" : s.min().toString();
        n.max = s.max() == null ? "" : s.max().toString();
        n.tokenIds = s.tokenIds() == null ? "" : String.join(", ", s.tokenIds());
        n.ids = s.ids() == null ? "" : String.join(", ", s.ids());
        n.amount = orEmpty(s.amount());
        List<String> traits = new ArrayList<>();
        s.traitsOrEmpty().forEach((k, v) -> traits.add(k + ": " + String.join(", ", v)));
        n.traits = String.join("; ", traits);
        return n;
    }

    /** A new tree for the "new gate" page: one ERC-721 requirement on the first chain. */
    static Node blank(String chain) {
        Node n = new Node(ROOT);
        n.chain = chain;
        n.min = "1";
        return n;
    }

    /**
     * Applies a builder button: {@code add:PATH} adds a requirement to that group, {@code remove:PATH} removes that
     * node; anything else (apply) only re-renders. Groups left empty get one requirement, so they can be filled in.
     */
    static Node apply(Node root, String action, String defaultChain) {
        if (action.startsWith("add:")) {
            Node target = find(root, action.substring(4));
            if (target != null && target.canAdd()) {
                target.children.add(child(target, defaultChain));
            }
        } else if (action.startsWith("remove:")) {
            remove(root, action.substring(7));
        }
        fill(root, defaultChain);
        return renumber(root, ROOT);
    }

    private static void fill(Node n, String chain) {
        if (n.group() && n.children.isEmpty()) {
            n.children.add(child(n, chain));
        }
        if (n.kind.equals("not") && n.children.size() > 1) {
            n.children.subList(1, n.children.size()).clear();
        }
        if (!n.group()) {
            n.children.clear();
        }
        n.children.forEach(c -> fill(c, chain));
    }

    private static Node child(Node parent, String chain) {
        Node c = new Node(parent.path + "." + parent.children.size());
        c.chain = chain;
        c.min = "1";
        return c;
    }

    private static Node find(Node n, String path) {
        if (n.path.equals(path)) {
            return n;
        }
        for (Node c : n.children) {
            Node f = find(c, path);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static void remove(Node n, String path) {
        n.children.removeIf(c -> c.path.equals(path));
        n.children.forEach(c -> remove(c, path));
    }

    /** Paths follow positions again after a removal, so the next form round trip is consistent. */
    private static Node renumber(Node n, String path) {
        Node out = new Node(path);
        out.kind = n.kind;
        out.chain = n.chain;
        out.contract = n.contract;
        out.min = n.min;
        out.max = n.max;
        out.tokenIds = n.tokenIds;
        out.traits = n.traits;
        out.ids = n.ids;
        out.amount = n.amount;
        for (int i = 0; i < n.children.size(); i++) {
            out.children.add(renumber(n.children.get(i), path + "." + i));
        }
        return out;
    }

    /** The tree as a rule; fields that are not numbers are reported in {@code problems} (the validator does the rest). */
    static RuleSpec toSpec(Node n, String path, List<String> problems) {
        return switch (n.kind) {
            case "all" -> RuleSpec.allOf(kids(n, path + ".all", problems));
            case "any" -> RuleSpec.anyOf(kids(n, path + ".any", problems));
            case "not" ->
                RuleSpec.negate(n.children.isEmpty() ? null : toSpec(n.children.get(0), path + ".not", problems));
            default ->
                new RuleSpec(
                        n.kind,
                        blankToNull(n.chain),
                        n.kind.equals("native") ? null : blankToNull(n.contract),
                        number(n.min, path + ".min", problems),
                        n.kind.equals("erc721") ? number(n.max, path + ".max", problems) : null,
                        n.kind.equals("erc721") ? list(n.tokenIds) : null,
                        n.kind.equals("erc721") ? traits(n.traits) : null,
                        n.kind.equals("erc1155") ? list(n.ids) : null,
                        n.kind.equals("erc20") || n.kind.equals("native") ? blankToNull(n.amount) : null,
                        null,
                        null,
                        null);
        };
    }

    private static List<RuleSpec> kids(Node n, String path, List<String> problems) {
        List<RuleSpec> out = new ArrayList<>();
        for (int i = 0; i < n.children.size(); i++) {
            out.add(toSpec(n.children.get(i), path + "[" + i + "]", problems));
        }
        return out;
    }

    private static Long number(String s, String path, List<String> problems) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            problems.add(path + ": '" + s + "' is not a whole number");
            return null;
        }
    }

    private static List<String> list(String csv) {
        List<String> out = Arrays.stream(csv.split("[,\\s]+"))
                .map(String::trim)
                .filter(x -> !x.isEmpty())
                .toList();
        return out.isEmpty() ? null : out;
    }

    /** {@code Element: Fire, Water; Rank: Captain}. */
    private static Map<String, List<String>> traits(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                List<String> values = Arrays.stream(part.substring(colon + 1).split(","))
                        .map(String::trim)
                        .filter(v -> !v.isEmpty())
                        .toList();
                out.put(part.substring(0, colon).trim(), values);
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
