package dev.lorekeeper.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RevertReasonTest {
    private static final String PAD = "0".repeat(63);

    @Test
    void selectorsAreTheKeccakOfTheSignatures() {
        assertThat(RevertReason.selector("ERC721NonexistentToken(uint256)")).isEqualTo("0x7e273289");
        assertThat(RevertReason.selector("ERC721IncorrectOwner(address,uint256,address)"))
                .isEqualTo("0x64283d7b");
        assertThat(RevertReason.selector("ERC721InvalidOwner(address)")).isEqualTo("0x89c62b64");
        assertThat(RevertReason.selector("ERC1155InsufficientBalance(address,uint256,uint256,uint256)"))
                .isEqualTo("0x03dee4c5");
        assertThat(RevertReason.selector("ERC20InsufficientBalance(address,uint256,uint256)"))
                .isEqualTo("0xe450d38c");
        assertThat(RevertReason.selector("Error(string)")).isEqualTo("0x08c379a0");
    }

    @Test
    void anvilsCustomErrorTextBecomesWords() {
        assertThat(RevertReason.describe("execution reverted: custom error 0x7e273289: " + PAD + "7", null))
                .isEqualTo("token #7 does not exist (ERC721NonexistentToken)");
        assertThat(RevertReason.describe("execution reverted", "0x7e273289" + "0".repeat(62) + "2a"))
                .isEqualTo("token #42 does not exist (ERC721NonexistentToken)");
    }

    @Test
    void argumentsAreDecodedIntoAddressesAndNumbers() {
        String sender = "000000000000000000000000" + "1000000000000000000000000000000000000001";
        String owner = "000000000000000000000000" + "2000000000000000000000000000000000000002";
        assertThat(RevertReason.describe(null, "0x64283d7b" + sender + PAD + "5" + owner))
                .isEqualTo("token #5 belongs to 0x2000000000000000000000000000000000000002, not "
                        + "0x1000000000000000000000000000000000000001 (ERC721IncorrectOwner)");
        assertThat(RevertReason.describe(null, "0xe450d38c" + sender + PAD + "1" + PAD + "9"))
                .isEqualTo("0x1000000000000000000000000000000000000001 has a balance of 1, not the 9 needed "
                        + "(ERC20InsufficientBalance)");
    }

    @Test
    void aReasonStringAndAnUnknownErrorAndABareRevert() {
        String reason = "0x08c379a0" + PAD.substring(1) + "20" + PAD + "8" + "4e6f74206f70656e" + "0".repeat(48);
        assertThat(RevertReason.describe("execution reverted: Not open", reason))
                .isEqualTo("the contract reverted: Not open");
        assertThat(RevertReason.describe("execution reverted: custom error 0xdeadbeef:", null))
                .isEqualTo("the contract reverted (custom error 0xdeadbeef)");
        assertThat(RevertReason.describe("execution reverted", null)).isEqualTo("the contract reverted");
        assertThat(RevertReason.describe(null, "0x7e2732")).isEqualTo("the contract reverted");
        assertThat(RevertReason.describe(null, "0x7e273289"))
                .isEqualTo("the contract reverted with ERC721NonexistentToken (arguments unreadable)");
    }
}
