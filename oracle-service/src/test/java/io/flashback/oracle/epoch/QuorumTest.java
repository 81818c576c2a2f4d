package io.flashback.oracle.epoch;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import io.flashback.chain.Signature;
import io.flashback.chain.ValidatorSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuorumTest {

    private static final Address A = Address.of("0x1000000000000000000000000000000000000001");
    private static final Address B = Address.of("0x2000000000000000000000000000000000000002");
    private static final Address C = Address.of("0x3000000000000000000000000000000000000003");
    private static final Address OUTSIDER = Address.of("0x0000000000000000000000000000000000000009");
    private static final ValidatorSet THREE_OF_WHICH_TWO = new ValidatorSet(List.of(C, A, B), 2);
    private static final Bytes32 ROOT = Bytes32.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
            24, 25, 26, 27, 28, 29, 30, 31, 32});
    private static final Bytes32 OTHER_ROOT = Bytes32.of(new byte[32]);

    private static SignatureRecord signed(Address validator, Bytes32 root) {
        return new SignatureRecord(7, root, validator, new Signature("0x" + "11".repeat(65)));
    }

    @Test
    void kMatchingSignaturesMakeAQuorumWithTheLowestSignerSubmitting() {
        var quorum = Quorum.reach(ROOT, List.of(signed(C, ROOT), signed(B, ROOT)), THREE_OF_WHICH_TWO).orElseThrow();

        assertThat(quorum.signatures()).extracting(SignatureRecord::validator).containsExactly(B, C);
        assertThat(quorum.submitter()).isEqualTo(B);
    }

    @Test
    void aSignatureOnAnotherRootDoesNotCount() {
        assertThat(Quorum.reach(ROOT, List.of(signed(A, ROOT), signed(B, OTHER_ROOT)), THREE_OF_WHICH_TWO)).isEmpty();
    }

    @Test
    void signaturesOfNonValidatorsAndRepeatedSignersDoNotCount() {
        assertThat(Quorum.reach(ROOT, List.of(signed(A, ROOT), signed(A, ROOT), signed(OUTSIDER, ROOT)), THREE_OF_WHICH_TWO)).isEmpty();
    }

    @Test
    void onlyTheThresholdsWorthOfSignaturesIsSubmitted() {
        var quorum = Quorum.reach(ROOT, List.of(signed(C, ROOT), signed(B, ROOT), signed(A, ROOT)), THREE_OF_WHICH_TWO).orElseThrow();

        assertThat(quorum.signatures()).extracting(SignatureRecord::validator).containsExactly(A, B);
    }
}
