package dev.lorekeeper.testing;

import dev.lorekeeper.discorddouble.FakeInteraction;
import dev.lorekeeper.discorddouble.FakeMember;
import dev.lorekeeper.discorddouble.FakeMessage;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The manual verification path as a member takes it: /verify address:…, sign the shown text, paste it. */
public final class ManualVerify {
    private ManualVerify() {}

    /** Returns the bot's answer; {@code sign} turns the shown message into a 0x signature. */
    public static FakeMessage link(FakeMember member, String address, UnaryOperator<String> sign) {
        FakeMessage shown = member.runs("/verify address:" + address).reply();
        FakeInteraction open = member.clicks(shown.button("Paste signature"));
        return member.submitsModal(open, Map.of("signature", sign.apply(shownMessage(shown))))
                .reply();
    }

    /** The exact message inside the reply's code block. */
    public static String shownMessage(FakeMessage shown) {
        String text = shown.content();
        int start = text.indexOf("```\n") + 4;
        return text.substring(start, text.indexOf("\n```", start));
    }

    /** Config that points the bot at a node for verification and gating. */
    public static String anvilChainYaml(Anvil anvil, String rpcUrl) {
        return """
                chains:
                  anvil:
                    chain-id: %d
                    rpc-urls: [ "%s" ]
                verification:
                  chain: anvil
                """.formatted(anvil.chainId(), rpcUrl);
    }
}
