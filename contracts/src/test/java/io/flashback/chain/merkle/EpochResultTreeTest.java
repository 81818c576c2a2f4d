package io.flashback.chain.merkle;

import io.flashback.chain.Address;
import io.flashback.chain.AgreementId;
import io.flashback.chain.Bytes32;
import io.flashback.chain.EpochResult;
import io.flashback.chain.ProvenResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EpochResultTreeTest {

    private static final Address ESCROW = Address.of("0x5fbdb2315678afecb367f032d93f642f64180aa3");

    /** Expected values from OpenZeppelin's JS library: StandardMerkleTree.of(values, [address, uint256, uint32, uint32]). */
    @Test
    void buildsTheSameTreeAsOpenZeppelinsStandardMerkleTree() {
        List<EpochResult> results = IntStream.rangeClosed(1, 5).mapToObj(i -> new EpochResult(AgreementId.of(i), 7, 990_000 + i)).toList();
        EpochResultTree tree = EpochResultTree.build(ESCROW, 7, results);

        assertThat(tree.root()).isEqualTo(new Bytes32("0xf35cdf16e7dd164c7241442f61181231698fc4c7f32e681bf6a03423ae884497"));
        assertThat(ResultLeaves.leaf(ESCROW, results.get(0)))
                .isEqualTo(new Bytes32("0xba0355d3c99c9eef43c86b5582aee9358c1140ecb14d48a3ea85c198ec328189"));
        assertThat(tree.proven(AgreementId.of(3)).orElseThrow().proof()).containsExactly(
                new Bytes32("0x1719c91d30f1b6949be2efdc8c8c72c6073eb7e315d13cd8de616b1a34d3572f"),
                new Bytes32("0xba0355d3c99c9eef43c86b5582aee9358c1140ecb14d48a3ea85c198ec328189"),
                new Bytes32("0xd22aff15878d0f78905996facc1f477aedd07500aafbbd7137f4cb696a5a350f"));
        assertThat(tree.proven(AgreementId.of(5)).orElseThrow().proof()).containsExactly(
                new Bytes32("0x99f1633ad78b11d3b2b4adeb4b7caafffb6c3dafeaee2a1cea105a2185b2e1b0"),
                new Bytes32("0x7573a1204f0f29386a1591c72eaf14a7c43adc0e280fab43a25242f20af774ff"));
    }

    @Test
    void everyResultIsProvableInTreesOfAnySize() {
        Random random = new Random(3);
        for (int size = 1; size <= 70; size++) {
            List<EpochResult> results = new ArrayList<>();
            for (int i = 1; i <= size; i++) {
                results.add(new EpochResult(AgreementId.of(i * 13L), 2, random.nextInt(1_000_001)));
            }
            EpochResultTree tree = EpochResultTree.build(ESCROW, 2, results);
            for (ProvenResult proven : tree.provenAll()) {
                assertThat(MerkleTree.verify(proven.proof(), tree.root(), ResultLeaves.leaf(ESCROW, proven.result()))).isTrue();
            }
        }
    }

    @Test
    void aChangedResultDoesNotVerify() {
        EpochResultTree tree = EpochResultTree.build(ESCROW, 1, List.of(new EpochResult(AgreementId.of(1), 1, 900_000),
                new EpochResult(AgreementId.of(2), 1, 1_000_000)));
        ProvenResult honest = tree.proven(AgreementId.of(1)).orElseThrow();
        EpochResult forged = new EpochResult(AgreementId.of(1), 1, 1_000_000);
        assertThat(MerkleTree.verify(honest.proof(), tree.root(), ResultLeaves.leaf(ESCROW, forged))).isFalse();
    }

    @Test
    void refusesTwoResultsForOneAgreementOrAForeignEpoch() {
        assertThatThrownBy(() -> EpochResultTree.build(ESCROW, 1, List.of(new EpochResult(AgreementId.of(1), 1, 1),
                new EpochResult(AgreementId.of(1), 1, 2)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpochResultTree.build(ESCROW, 1, List.of(new EpochResult(AgreementId.of(1), 2, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
