package dev.lorekeeper.character;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Who a character is, built once from its token's metadata and stored: archetype, how it speaks, its backstory and
 * its greeting, plus stats derived from its traits. {@code source} is "llm" or "offline".
 */
public record Persona(
        String name,
        String archetype,
        String voice,
        String backstory,
        String greeting,
        List<String> traits,
        Stats stats,
        String source) {
    public Persona {
        traits = List.copyOf(traits);
    }

    /** The same persona with {@code f} applied to every text a member reads. */
    public Persona map(UnaryOperator<String> f) {
        return new Persona(
                f.apply(name),
                f.apply(archetype),
                f.apply(voice),
                f.apply(backstory),
                f.apply(greeting),
                traits.stream().map(f).toList(),
                stats,
                source);
    }

    /** Base stats from 1 to 10, fixed by the token's traits. */
    public record Stats(int might, int wits, int heart) {}
}
