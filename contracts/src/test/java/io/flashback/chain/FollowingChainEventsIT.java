package io.flashback.chain;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.deploy.Deployer;
import io.flashback.chain.deploy.DeploymentPlan;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jChainEvents;
import io.flashback.chain.web3j.Web3jNodeRegistry;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.infra.anvil.Anvil;
import io.flashback.infra.process.Ports;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.flashback.chain.ChainFixtures.COLLATERAL;
import static io.flashback.chain.TestChain.CONSUMER;
import static io.flashback.chain.TestChain.PROVIDER;
import static io.flashback.chain.TestChain.SETTLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Web3jChainEvents: reading from a stored cursor, across a killed chain and across a re-org. */
class FollowingChainEventsIT {

    /** Reads everything up to the head, page by page, as a service's poller would. */
    private static BlockCursor drain(Web3jChainEvents events, BlockCursor cursor, Map<String, ChainEvent> seen) {
        while (true) {
            EventPage page = events.read(cursor, 3);
            page.events().forEach(e -> seen.putIfAbsent(e.position().id(), e));
            if (page.next().equals(cursor)) {
                return cursor;
            }
            cursor = page.next();
        }
    }

    @Test
    void aReaderFollowsEveryContractChangeFromItsCursor() {
        ChainFixtures f = new ChainFixtures();
        Web3jChainEvents events = new Web3jChainEvents(f.chain.web3j(), f.book.eventSources(), 0, 12);
        AgreementId id = f.activeAgreement(1);
        long e = f.escrow(CONSUMER).agreement(id).orElseThrow().startEpoch();
        var tree = f.report(e, List.of(new EpochResult(id, e, 995_000)));
        f.escrow(SETTLER).settle(tree.proven(id).orElseThrow());
        f.escrow(PROVIDER).withdraw(f.book.paymentToken());

        Map<String, ChainEvent> seen = new LinkedHashMap<>();
        BlockCursor end = drain(events, BlockCursor.startingAt(f.book.deploymentBlock()), seen);

        List<Class<?>> kinds = seen.values().stream().<Class<?>>map(Object::getClass).distinct().toList();
        assertThat(kinds).containsSubsequence(ChainEvent.NodeClaimed.class, ChainEvent.CollateralDeposited.class,
                ChainEvent.AgreementCreated.class, ChainEvent.AgreementAccepted.class, ChainEvent.CollateralLocked.class,
                ChainEvent.EpochReported.class, ChainEvent.EpochSettled.class, ChainEvent.CollateralUnlocked.class,
                ChainEvent.AgreementCompleted.class, ChainEvent.Withdrawn.class);
        ChainEvent.EpochSettled settled = seen.values().stream().filter(ChainEvent.EpochSettled.class::isInstance)
                .map(ChainEvent.EpochSettled.class::cast).findFirst().orElseThrow();
        assertThat(settled.id()).isEqualTo(id);
        assertThat(settled.consumerCredit()).isEqualTo(ChainFixtures.PRICE.divide(BigInteger.TEN));
        ChainEvent.AgreementCreated created = seen.values().stream().filter(ChainEvent.AgreementCreated.class::isInstance)
                .map(ChainEvent.AgreementCreated.class::cast).findFirst().orElseThrow();
        assertThat(created.consumer()).isEqualTo(f.chain.address(CONSUMER));
        assertThat(created.provider()).isEqualTo(f.chain.address(PROVIDER));

        // a restarted reader with the stored cursor sees only what is new
        NodeId node = f.claimedNode(PROVIDER);
        Map<String, ChainEvent> later = new LinkedHashMap<>();
        drain(new Web3jChainEvents(f.chain.web3j(), f.book.eventSources(), 0, 12), end, later);
        assertThat(later.values()).singleElement().isInstanceOfSatisfying(ChainEvent.NodeClaimed.class,
                claimed -> assertThat(claimed.nodeId()).isEqualTo(node));
    }

    @Test
    void theClientSurvivesAKilledChainAndResumesFromItsCursor() throws Exception {
        Path state = Files.createDirectories(Path.of("target", "anvil")).resolve("killed-" + UUID.randomUUID() + ".json");
        int port = Ports.free();
        Anvil anvil = TestChain.start(state, port);
        Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
        try {
            Web3jTransactions governance = transactions(web3j, TestChain.GOVERNANCE);
            Web3jTransactions provider = transactions(web3j, PROVIDER);
            AddressBook book = Deployer.deployAll(governance, DeploymentPlan.local(TestChain.validatorAddresses(), 3,
                    List.of(provider.address())));
            ChainFixtures f = new ChainFixtures(book);
            Web3jNodeRegistry registry = new Web3jNodeRegistry(provider, book.registry());
            var nodeKey = ChainFixtures.newNodeKey();
            NodeId node = io.flashback.chain.eip712.NodeClaims.nodeIdOf(ChainFixtures.addressOf(nodeKey));
            registry.claimNode(io.flashback.chain.eip712.NodeClaims.sign(new NodeClaim(node, ChainFixtures.addressOf(nodeKey),
                    provider.address(), BigInteger.ZERO, java.time.Instant.now().plusSeconds(3600)), f.registryDomain(), nodeKey));
            registry.depositCollateral(node, COLLATERAL, "first");

            Web3jChainEvents events = new Web3jChainEvents(web3j, book.eventSources(), 0, 12);
            Map<String, ChainEvent> seen = new LinkedHashMap<>();
            BlockCursor cursor = drain(events, BlockCursor.startingAt(book.deploymentBlock()), seen);
            assertThat(seen.values()).hasAtLeastOneElementOfType(ChainEvent.CollateralDeposited.class);

            // anvil writes its state every few seconds: wait until the deposit is in the file, then kill it
            long mined = cursor.nextBlock() - 1;
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(state) && Files.size(state) > 0
                    && Files.readString(state).contains("\"best_number\":" + mined) || stateHasBlock(state, mined));
            anvil.kill();

            BlockCursor stored = cursor;
            assertThatThrownBy(() -> events.read(stored, 3)).isInstanceOf(ChainException.Unavailable.class);
            assertThatThrownBy(() -> registry.depositCollateral(node, COLLATERAL, "second"))
                    .isInstanceOf(ChainException.Unavailable.class);

            await().atMost(Duration.ofSeconds(20)).until(() -> !Ports.isListening(port));
            anvil = TestChain.start(state, port);
            registry.depositCollateral(node, COLLATERAL, "second");
            List<ChainEvent> after = new ArrayList<>();
            BlockCursor resumed = cursor;
            while (true) {
                EventPage page = events.read(resumed, 3);
                after.addAll(page.events());
                if (page.next().equals(resumed)) {
                    break;
                }
                resumed = page.next();
            }
            List<ChainEvent.CollateralDeposited> deposits = after.stream()
                    .filter(ChainEvent.CollateralDeposited.class::isInstance).map(ChainEvent.CollateralDeposited.class::cast)
                    .filter(d -> !seen.containsKey(d.position().id())).toList();
            assertThat(deposits).singleElement().satisfies(d -> assertThat(d.bonded()).isEqualTo(COLLATERAL.multiply(BigInteger.TWO)));
            assertThat(registry.node(node).orElseThrow().bonded()).isEqualTo(COLLATERAL.multiply(BigInteger.TWO));
        } finally {
            web3j.shutdown();
            anvil.close();
        }
    }

    private static boolean stateHasBlock(Path state, long block) {
        try {
            String json = Files.readString(state);
            return json.contains("\"number\":\"0x" + Long.toHexString(block) + "\"")
                    || json.contains("\"number\":" + block + ",");
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aReorgIsNoticedAndTheNewBranchIsRead() throws Exception {
        Anvil anvil = TestChain.start(null, 0);
        Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
        HttpService service = new HttpService(anvil.rpcUrl());
        try {
            Web3jTransactions governance = transactions(web3j, TestChain.GOVERNANCE);
            AddressBook book = Deployer.deployAll(governance, DeploymentPlan.local(TestChain.validatorAddresses(), 3,
                    List.of(Address.of(ChainKeys.anvil(PROVIDER).getAddress()))));
            ChainFixtures f = new ChainFixtures(book);
            Web3jNodeRegistry registry = new Web3jNodeRegistry(transactions(web3j, PROVIDER), book.registry());
            var nodeKey = ChainFixtures.newNodeKey();
            NodeId node = io.flashback.chain.eip712.NodeClaims.nodeIdOf(ChainFixtures.addressOf(nodeKey));
            registry.claimNode(io.flashback.chain.eip712.NodeClaims.sign(new NodeClaim(node, ChainFixtures.addressOf(nodeKey),
                    Address.of(ChainKeys.anvil(PROVIDER).getAddress()), BigInteger.ZERO, java.time.Instant.now().plusSeconds(3600)),
                    f.registryDomain(), nodeKey));
            String snapshot = (String) TestChain.rpc(service, "evm_snapshot", List.of());
            registry.depositCollateral(node, BigInteger.valueOf(111), "branch-a");

            Web3jChainEvents events = new Web3jChainEvents(web3j, book.eventSources(), 0, 12);
            Map<String, ChainEvent> seen = new LinkedHashMap<>();
            BlockCursor cursor = drain(events, BlockCursor.startingAt(book.deploymentBlock()), seen);

            TestChain.rpc(service, "evm_revert", List.of(snapshot));
            TestChain.rpc(service, "evm_mine", List.of());
            // after the revert the key's nonce went back: a new process (new manager) sends on the new branch
            Web3jNodeRegistry onNewBranch = new Web3jNodeRegistry(transactions(web3j, PROVIDER), book.registry());
            onNewBranch.depositCollateral(node, BigInteger.valueOf(222), "branch-b");

            EventPage page = events.read(cursor, 50);
            assertThat(page.rewound()).isTrue();
            List<BigInteger> deposited = page.events().stream().filter(ChainEvent.CollateralDeposited.class::isInstance)
                    .map(e -> ((ChainEvent.CollateralDeposited) e).amount()).toList();
            assertThat(deposited).contains(BigInteger.valueOf(222)).doesNotContain(BigInteger.valueOf(111));
        } finally {
            web3j.shutdown();
            service.close();
            anvil.close();
        }
    }

    private static Web3jTransactions transactions(Web3j web3j, int account) {
        return new Web3jTransactions(web3j, ChainKeys.anvil(account), Anvil.CHAIN_ID,
                TransactionSettings.defaults().withGasCeiling(15_000_000).withReceiptTimeout(Duration.ofSeconds(20)),
                new InMemoryTransactionJournal());
    }
}
