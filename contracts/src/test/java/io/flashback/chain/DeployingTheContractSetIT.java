package io.flashback.chain;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.deploy.Deployer;
import io.flashback.chain.web3j.ChainKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployer's command line, as the launcher runs it against anvil. */
class DeployingTheContractSetIT {

    @Test
    void theCommandLineDeploysWiresAndWritesTheAddressBook(@TempDir Path dir) throws Exception {
        TestChain chain = TestChain.get();
        Path out = dir.resolve("address-book.json");

        Deployer.main(new String[] {"--rpc-url", chain.rpcUrl(), "--deployer-key", ChainKeys.ANVIL_DEVELOPMENT_KEYS.get(0),
                "--validators", String.join(",", java.util.stream.IntStream.rangeClosed(6, 9).mapToObj(i -> ChainKeys.anvil(i).getAddress()).toList()),
                "--out", out.toString(), "--epoch-length", "60"});

        AddressBook book = AddressBook.read(out);
        ChainFixtures f = new ChainFixtures(book);
        assertThat(book.chainId()).isEqualTo(31337);
        assertThat(book.validators()).hasSize(4);
        assertThat(book.threshold()).isEqualTo(3);
        assertThat(book.epochLengthSeconds()).isEqualTo(60);
        assertThat(book.unbondingPeriodSeconds()).isEqualTo(30L * 24 * 3600);
        assertThat(book.platformFeeBps()).isEqualTo(200);
        byte[] escrowRole = Hash.sha3("ESCROW_ROLE".getBytes(StandardCharsets.UTF_8));
        assertThat(f.registryCalls().hasRole(escrowRole, book.escrow().value()).send()).isTrue();
        assertThat(f.registryCalls().hasRole(escrowRole, book.governance().value()).send()).isFalse();
        assertThat(f.hub(TestChain.SETTLER).validatorSet().validators()).isEqualTo(book.validators());
        assertThat(f.erc20(book.paymentToken()).balanceOf(ChainKeys.anvil(9).getAddress()).send())
                .isEqualTo(BigInteger.TEN.pow(6).multiply(BigInteger.valueOf(1_000_000)));
        assertThat(f.escrowCalls().registry().send()).isEqualToIgnoringCase(book.registry().value());
        assertThat(f.escrowCalls().hub().send()).isEqualToIgnoringCase(book.oracleHub().value());
    }
}
