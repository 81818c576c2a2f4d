package io.flashback.chain;

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
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * One anvil per test JVM, started on first use and stopped at exit, with one
 * {@link Web3jTransactions} per development key (as in production: one per key and process).
 * Tests isolate themselves by deploying a fresh contract set.
 */
public final class TestChain {

    public static final int GOVERNANCE = 0;
    public static final int PROVIDER = 1;
    public static final int CONSUMER = 2;
    public static final int OTHER_PROVIDER = 3;
    public static final int SETTLER = 4;
    public static final int STRANGER = 5;
    public static final List<Integer> VALIDATORS = List.of(6, 7, 8, 9);

    private static volatile TestChain instance;

    private final Anvil anvil;
    private final HttpService service;
    private final Web3j web3j;
    private final Map<Integer, Web3jTransactions> transactions = new ConcurrentHashMap<>();

    private TestChain(Anvil anvil) {
        this.anvil = anvil;
        this.service = new HttpService(anvil.rpcUrl());
        this.web3j = Web3j.build(service);
    }

    public static TestChain get() {
        if (instance == null) {
            synchronized (TestChain.class) {
                if (instance == null) {
                    instance = new TestChain(start(null, 0));
                    Runtime.getRuntime().addShutdownHook(new Thread(instance.anvil::close));
                }
            }
        }
        return instance;
    }

    /** A separate anvil for tests that kill or rewind their chain. */
    public static Anvil start(Path stateFile, int port) {
        try {
            Path work = Files.createDirectories(Path.of("target", "anvil")).resolve("run-" + System.nanoTime());
            Files.createDirectories(work);
            return Anvil.start(work, port, stateFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Web3j web3j() {
        return web3j;
    }

    public Web3jService service() {
        return service;
    }

    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    public Web3jTransactions account(int index) {
        return transactions.computeIfAbsent(index, i -> new Web3jTransactions(web3j,
                ChainKeys.fromHex(AnvilAccounts.PRIVATE_KEYS.get(i)), Anvil.CHAIN_ID,
                TransactionSettings.defaults().withGasCeiling(15_000_000).withReceiptTimeout(Duration.ofSeconds(20)),
                new InMemoryTransactionJournal()));
    }

    public Address address(int index) {
        return account(index).address();
    }

    public static List<Address> validatorAddresses() {
        return VALIDATORS.stream().map(i -> Address.of(ChainKeys.anvil(i).getAddress())).toList();
    }

    /** A fresh contract set: 4 validators (accounts 6–9) with threshold 3, hourly epochs, 30-day unbonding. */
    public AddressBook deploy() {
        return deploy(DeploymentPlan.local(validatorAddresses(), 3,
                IntStream.range(0, 6).mapToObj(this::address).toList()));
    }

    public AddressBook deploy(DeploymentPlan plan) {
        return Deployer.deployAll(account(GOVERNANCE), plan);
    }

    public long timestamp() {
        try {
            return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the chain's clock forward and mines a block with the new time. */
    public void increaseTime(Duration duration) {
        rpc(service, "evm_increaseTime", List.of(duration.toSeconds()));
        rpc(service, "evm_mine", List.of());
    }

    /** Moves the clock to {@code epochStart} (+1 s) if it is not there yet. */
    public void advanceTo(long epochStartSeconds) {
        long now = timestamp();
        if (now < epochStartSeconds + 1) {
            increaseTime(Duration.ofSeconds(epochStartSeconds + 1 - now));
        }
    }

    public static Object rpc(Web3jService service, String method, List<?> params) {
        try {
            Response<?> response = new Request<>(method, params, service, RawResponse.class).send();
            if (response.hasError()) {
                throw new IllegalStateException(method + ": " + response.getError().getMessage());
            }
            return response.getResult();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class RawResponse extends Response<Object> {
    }

    public static BigInteger tokens(long whole, int decimals) {
        return BigInteger.valueOf(whole).multiply(BigInteger.TEN.pow(decimals));
    }
}
