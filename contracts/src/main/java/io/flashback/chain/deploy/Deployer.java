package io.flashback.chain.deploy;

import io.flashback.chain.Address;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.chain.web3j.contracts.BridgeNodeRegistry;
import io.flashback.chain.web3j.contracts.FlashToken;
import io.flashback.chain.web3j.contracts.LocalPriceFeed;
import io.flashback.chain.web3j.contracts.LocalStablecoin;
import io.flashback.chain.web3j.contracts.OracleHub;
import io.flashback.chain.web3j.contracts.SlaEscrow;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys the whole contract set, wires the roles (the escrow is the only holder of the registry's
 * ESCROW_ROLE; the deployer keeps governance) and returns the {@link AddressBook}.
 * <p>
 * Command line (what {@code ./flashback up} runs against anvil):
 * <pre>
 * java -cp contracts.jar io.flashback.chain.deploy.Deployer --rpc-url http://127.0.0.1:8545 \
 *      --deployer-key-file governance.key --validators a,b,c,d --out address-book.json [--threshold 3] [--epoch-length 3600] …
 * </pre>
 */
public final class Deployer {

    private static final org.web3j.abi.datatypes.Address ZERO_ADDRESS_TYPE = new org.web3j.abi.datatypes.Address("0x0");
    private static final byte[] ESCROW_ROLE = Hash.sha3("ESCROW_ROLE".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final long ANVIL_CHAIN_ID = 31337;

    private Deployer() {
    }

    /** Deploys with {@code deployer} paying and holding governance. */
    public static AddressBook deployAll(Web3jTransactions deployer, DeploymentPlan plan) {
        Web3j web3j = deployer.web3j();
        Address governance = deployer.address();
        EthBlock.Block latest = get(() -> web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()).getBlock();
        long deploymentBlock = latest.getNumber().longValueExact();
        long genesisTime = latest.getTimestamp().longValueExact();

        Address stakingToken = plan.stakingToken().orElseGet(() -> deploy(deployer, FlashToken.BINARY, address(governance)));
        Address paymentToken = plan.paymentToken().orElseGet(() -> deploy(deployer, LocalStablecoin.BINARY, address(governance)));
        Address priceFeed = plan.priceFeed().orElseGet(() -> deploy(deployer, LocalPriceFeed.BINARY,
                address(governance), new Uint8(8), new Utf8String("FLASH / USD"), new Int256(50_000_000L)));
        Address registry = deploy(deployer, BridgeNodeRegistry.BINARY, address(governance), address(stakingToken),
                new Uint256(plan.unbondingPeriod().toSeconds()));
        Address hub = deploy(deployer, OracleHub.BINARY, address(governance), new Uint64(genesisTime),
                new Uint32(plan.epochLength().toSeconds()),
                new DynamicArray<>(org.web3j.abi.datatypes.Address.class, plan.validators().stream().map(Deployer::address).toList()),
                new Uint256(plan.threshold()));
        Address treasury = plan.treasury().orElse(governance);
        Address escrow = deploy(deployer, SlaEscrow.BINARY, address(governance), address(registry), address(hub),
                address(treasury), new Uint16(plan.platformFeeBps()), new Uint32(plan.settlementGraceEpochs()));

        call(deployer, registry, "grantRole", new org.web3j.abi.datatypes.generated.Bytes32(ESCROW_ROLE), address(escrow));
        if (plan.stakingToken().isEmpty()) {
            for (Address account : plan.fundAccounts()) {
                call(deployer, stakingToken, "mint", address(account), new Uint256(plan.fundStake()));
            }
        }
        if (plan.paymentToken().isEmpty()) {
            for (Address account : plan.fundAccounts()) {
                call(deployer, paymentToken, "mint", address(account), new Uint256(plan.fundStable()));
            }
        }
        return new AddressBook(deployer.chainId(), deploymentBlock, governance, stakingToken, paymentToken, priceFeed,
                registry, hub, escrow, treasury, plan.validators(), plan.threshold(), genesisTime,
                plan.epochLength().toSeconds(), plan.unbondingPeriod().toSeconds(), plan.platformFeeBps(),
                plan.settlementGraceEpochs());
    }

    /** Connects to {@code rpcUrl}, deploys with {@code deployer} and disconnects (for the launcher). */
    public static AddressBook deployAll(String rpcUrl, Credentials deployer, DeploymentPlan plan) {
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            long chainId = get(() -> web3j.ethChainId().send()).getChainId().longValueExact();
            return deployAll(new Web3jTransactions(web3j, deployer, chainId,
                    TransactionSettings.defaults().withGasCeiling(12_000_000), new InMemoryTransactionJournal()), plan);
        } finally {
            web3j.shutdown();
        }
    }

    private static Address deploy(Web3jTransactions deployer, String binary, Type<?>... constructorArguments) {
        String initCode = binary + FunctionEncoder.encodeConstructor(Arrays.asList(constructorArguments));
        TransactionReceipt receipt = deployer.deploy(null, initCode);
        return Address.of(receipt.getContractAddress());
    }

    private static void call(Web3jTransactions deployer, Address contract, String function, Type<?>... arguments) {
        String data = FunctionEncoder.encode(new Function(function, Arrays.asList(arguments), List.of()));
        deployer.send(null, contract.value(), data);
    }

    private static org.web3j.abi.datatypes.Address address(Address address) {
        return new org.web3j.abi.datatypes.Address(address.value());
    }

    // ------------------------------------------------------------------ command line

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        String rpcUrl = options.getOrDefault("rpc-url", "http://127.0.0.1:8545");
        Path out = Path.of(options.getOrDefault("out", "address-book.json"));
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            long chainId = get(() -> web3j.ethChainId().send()).getChainId().longValueExact();
            boolean anvil = chainId == ANVIL_CHAIN_ID;
            Credentials key = deployerKey(options);
            // the validator set and governance are privileged: never anvil's public development keys by default (#13 H1)
            List<Address> validators = Optional.ofNullable(options.get("validators")).map(Deployer::addresses)
                    .orElseThrow(() -> new IllegalArgumentException("--validators is required (the validator set's addresses)"));
            int threshold = Optional.ofNullable(options.get("threshold")).map(Integer::parseInt)
                    .orElse(DeploymentPlan.defaultThreshold(validators.size()));
            List<Address> funded = Optional.ofNullable(options.get("fund")).map(Deployer::addresses)
                    .orElseGet(() -> anvil ? DeploymentPlan.anvil().fundAccounts() : List.of());
            DeploymentPlan local = DeploymentPlan.local(validators, threshold, funded);
            DeploymentPlan plan = new DeploymentPlan(validators, threshold,
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("epoch-length", "3600"))),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("unbonding-period",
                            String.valueOf(DeploymentPlan.DEFAULT_UNBONDING.toSeconds())))),
                    Integer.parseInt(options.getOrDefault("platform-fee-bps", String.valueOf(DeploymentPlan.DEFAULT_PLATFORM_FEE_BPS))),
                    Integer.parseInt(options.getOrDefault("grace-epochs", "2")),
                    Optional.ofNullable(options.get("treasury")).map(Address::of),
                    Optional.ofNullable(options.get("staking-token")).map(Address::of),
                    Optional.ofNullable(options.get("payment-token")).map(Address::of),
                    Optional.ofNullable(options.get("price-feed")).map(Address::of),
                    funded, local.fundStake(), local.fundStable());
            Web3jTransactions transactions = new Web3jTransactions(web3j, key, chainId,
                    TransactionSettings.defaults().withGasCeiling(12_000_000), new InMemoryTransactionJournal());
            AddressBook book = deployAll(transactions, plan);
            book.write(out);
            System.out.printf("Flashback contracts deployed on chain %d (block %d): registry %s, escrow %s, oracle hub %s; address book %s%n",
                    chainId, book.deploymentBlock(), book.registry(), book.escrow(), book.oracleHub(), out.toAbsolutePath());
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("deployer: " + e.getMessage());
            System.exit(2);
        } finally {
            web3j.shutdown();
        }
    }

    private static Credentials deployerKey(Map<String, String> options) {
        if (options.containsKey("deployer-key")) {
            return ChainKeys.fromHex(options.get("deployer-key"));
        }
        if (options.containsKey("deployer-key-file")) {
            return ChainKeys.fromFile(Path.of(options.get("deployer-key-file")), "FLASHBACK_DEPLOYER_KEY_PASSWORD");
        }
        String fromEnvironment = System.getenv("FLASHBACK_DEPLOYER_KEY");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return ChainKeys.fromHex(fromEnvironment);
        }
        throw new IllegalArgumentException("give --deployer-key-file, --deployer-key or FLASHBACK_DEPLOYER_KEY: the deployer holds"
                + " the contracts' governance, so it is never a public development key");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: Deployer --rpc-url URL --deployer-key-file FILE --validators a,b --out FILE "
                        + "[--threshold k --epoch-length s --unbonding-period s --platform-fee-bps n "
                        + "--grace-epochs n --treasury a --staking-token a --payment-token a --price-feed a --fund a,b]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static List<Address> addresses(String csv) {
        List<Address> result = new ArrayList<>();
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                result.add(Address.of(part.strip()));
            }
        }
        return result;
    }

    @FunctionalInterface
    private interface Rpc<T> {
        T call() throws IOException;
    }

    private static <T> T get(Rpc<T> rpc) {
        try {
            return rpc.call();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the chain: " + e.getMessage(), e);
        }
    }
}
