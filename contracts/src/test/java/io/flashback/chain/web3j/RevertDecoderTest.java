package io.flashback.chain.web3j;

import io.flashback.chain.ChainException;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RevertDecoderTest {

    @Test
    void namesACustomErrorAndDecodesItsArguments() {
        String selector = Hash.sha3String("EpochOutOfOrder(uint256,uint32,uint32)").substring(0, 10);
        String data = selector + "%064x".formatted(7) + "%064x".formatted(12) + "%064x".formatted(10);

        ChainException.Reverted reverted = RevertDecoder.decode("\"" + data + "\"", "execution reverted");

        assertThat(reverted.error()).isEqualTo("EpochOutOfOrder");
        assertThat(reverted.arguments()).containsExactly(BigInteger.valueOf(7), BigInteger.valueOf(12), BigInteger.TEN);
        assertThat(reverted.getMessage()).isEqualTo("reverted: EpochOutOfOrder(7, 12, 10)");
    }

    @Test
    void namesOpenZeppelinErrorsAndRevertStrings() {
        assertThat(RevertDecoder.decode("0x3ee5aeb5", "m").error()).isEqualTo("ReentrancyGuardReentrantCall");
        String reason = "0x08c379a0" + "%064x".formatted(32) + "%064x".formatted(2) + "6869" + "0".repeat(60);
        assertThat(RevertDecoder.decode(reason, "m").arguments()).containsExactly("hi");
        assertThat(RevertDecoder.decode(null, "no data").error()).isEqualTo("Unknown");
        assertThat(RevertDecoder.decode("0xdeadbeef", "m").error()).isEqualTo("Unknown");
    }
}
