package io.flashback.registry;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.deploy.Deployer;
import io.flashback.chain.deploy.DeploymentPlan;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.infra.anvil.Anvil;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One anvil per test JVM with the contracts deployed as the launcher deploys them (anvil's first
 * key governs; every development account holds FLASH), and the address book the registry reads.
 */
public final class LocalChain {

    private static volatile LocalChain instance;

    private final Anvil anvil;
    private final AddressBook addressBook;
    private final Path addressBookFile;
    private final Web3j web3j;

    private LocalChain() {
        try {
            Path work = Files.createTempDirectory("registry-anvil-");
            anvil = Anvil.start(work, 0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(anvil::close));
            addressBook = Deployer.deployAll(anvil.rpcUrl(), ChainKeys.anvil(0), DeploymentPlan.anvil());
            addressBookFile = work.resolve("address-book.json");
            addressBook.write(addressBookFile);
            web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LocalChain get() {
        if (instance == null) {
            synchronized (LocalChain.class) {
                if (instance == null) {
                    instance = new LocalChain();
                }
            }
        }
        return instance;
    }

    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    public AddressBook addressBook() {
        return addressBook;
    }

    public Path addressBookFile() {
        return addressBookFile;
    }

    /** Sends transactions as anvil's development account {@code index}. */
    public Web3jTransactions account(int index) {
        return new Web3jTransactions(web3j, ChainKeys.anvil(index), Anvil.CHAIN_ID,
                TransactionSettings.defaults().withGasCeiling(15_000_000).withReceiptTimeout(Duration.ofSeconds(20)),
                new InMemoryTransactionJournal());
    }
}
