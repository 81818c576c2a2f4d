package io.flashback.oracle;

import io.flashback.chain.Address;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.deploy.Deployer;
import io.flashback.chain.deploy.DeploymentPlan;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.infra.anvil.Anvil;
import io.flashback.infra.anvil.AnvilAccounts;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * One anvil per test JVM, started on first use and stopped at exit, with one transaction sender per
 * development key. Tests isolate themselves by deploying their own contract set.
 */
public final class OracleTestChain {

    public static final int GOVERNANCE = 0;
    public static final int PROVIDER = 1;
    public static final int CONSUMER = 2;

    private static OracleTestChain instance;

    private final Anvil anvil;
    private final HttpService service;
    private final Web3j web3j;
    private final Map<Integer, Web3jTransactions> accounts = new ConcurrentHashMap<>();

    private OracleTestChain(Anvil anvil) {
        this.anvil = anvil;
        this.service = new HttpService(anvil.rpcUrl());
        this.web3j = Web3j.build(service);
    }

    public static synchronized OracleTestChain get() {
        if (instance == null) {
            try {
                Path work = Files.createDirectories(Path.of("target", "anvil", "run-" + System.nanoTime()));
                instance = new OracleTestChain(Anvil.start(work, 0, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance.anvil::close));
        }
        return instance;
    }

    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    public Web3j web3j() {
        return web3j;
    }

    public Web3jTransactions account(int index) {
        return accounts.computeIfAbsent(index, i -> new Web3jTransactions(web3j, ChainKeys.fromHex(AnvilAccounts.PRIVATE_KEYS.get(i)),
                Anvil.CHAIN_ID, TransactionSettings.defaults().withReceiptTimeout(Duration.ofSeconds(20)), new InMemoryTransactionJournal()));
    }

    public Address address(int index) {
        return account(index).address();
    }

    public static Address validator(int anvilAccount) {
        return Address.of(ChainKeys.anvil(anvilAccount).getAddress());
    }

    /** A fresh contract set with hourly epochs from now, the given validators and threshold, tokens for accounts 0–5. */
    public AddressBook deploy(List<Integer> validators, int threshold) {
        return Deployer.deployAll(account(GOVERNANCE), DeploymentPlan.local(validators.stream().map(OracleTestChain::validator).toList(),
                threshold, IntStream.range(0, 6).mapToObj(this::address).toList()));
    }

    public Instant now() {
        try {
            return Instant.ofEpochSecond(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                    .getTimestamp().longValueExact());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the chain's clock to {@code at} (+1 s) if it is not there yet, and mines a block with that time. */
    public void advanceTo(Instant at) {
        long seconds = Duration.between(now(), at).toSeconds() + 1;
        if (seconds > 0) {
            rpc("evm_increaseTime", List.of(seconds));
            rpc("evm_mine", List.of());
        }
    }

    private void rpc(String method, List<?> params) {
        try {
            Response<?> response = new Request<>(method, params, service, RawResponse.class).send();
            if (response.hasError()) {
                throw new IllegalStateException(method + ": " + response.getError().getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class RawResponse extends Response<Object> {
    }
}
