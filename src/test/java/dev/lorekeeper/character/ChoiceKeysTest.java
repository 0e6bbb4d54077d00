package dev.lorekeeper.character;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorekeeper.config.CharactersConfig;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChoiceKeysTest {
    static final List<CharactersConfig.Collection> COLLECTIONS = List.of(
            new CharactersConfig.Collection("ethereum", "0x57f1887a8bf19b14fc0df6fd9b2acc9af147ea85", null),
            new CharactersConfig.Collection("base", "0x00000000000000000000000000000000000000aa", "erc1155"));

    @Test
    void aHashedTokenIdStillFitsDiscordsHundredCharactersAndResolvesBack() {
        BigInteger ens = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        TokenRef token = new TokenRef("ethereum", "0x57F1887A8BF19B14FC0DF6FD9B2ACC9AF147EA85", ens);
        assertThat(token.key()).hasSizeGreaterThan(100);
        String value = ChoiceKeys.of(token);
        assertThat(value).hasSizeLessThanOrEqualTo(100);
        assertThat(ChoiceKeys.resolve(value, COLLECTIONS)).contains(token);
    }

    @Test
    void typedKeysWorkAndUnknownCollectionsOrJunkDoNot() {
        TokenRef t = new TokenRef("base", "0x00000000000000000000000000000000000000aa", BigInteger.valueOf(7));
        assertThat(ChoiceKeys.resolve("base:0x00000000000000000000000000000000000000AA:7", COLLECTIONS))
                .contains(t);
        assertThat(ChoiceKeys.resolve(ChoiceKeys.of(t), COLLECTIONS.subList(0, 1)))
                .isEmpty();
        assertThat(ChoiceKeys.resolve("not a token", COLLECTIONS)).isEmpty();
        assertThat(ChoiceKeys.resolve("", COLLECTIONS)).isEmpty();
    }
}
