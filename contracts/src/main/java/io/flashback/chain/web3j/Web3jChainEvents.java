package io.flashback.chain.web3j;

import io.flashback.chain.Address;
import io.flashback.chain.AgreementId;
import io.flashback.chain.AgreementRef;
import io.flashback.chain.BlockCursor;
import io.flashback.chain.Bytes32;
import io.flashback.chain.ChainEvent;
import io.flashback.chain.ChainEvents;
import io.flashback.chain.EventPage;
import io.flashback.chain.NodeId;
import io.flashback.chain.web3j.contracts.BridgeNodeRegistry;
import io.flashback.chain.web3j.contracts.OracleHub;
import io.flashback.chain.web3j.contracts.SlaEscrow;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.tx.Contract;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads the registry's, escrow's and hub's events with eth_getLogs from a caller-kept {@link BlockCursor}.
 * <p>
 * Only blocks with {@code confirmations} blocks on top are read. Before reading on, the reader checks
 * that the block behind the cursor still has the hash it saw; if not (a re-org deeper than the
 * confirmations, or a chain restarted from an older state), it goes back {@code rewindBlocks} blocks
 * and reads again, flagging the page as rewound. Events carry totals, and stable ids, so a consumer
 * that sees one twice changes nothing.
 */
public final class Web3jChainEvents implements ChainEvents {

    private record Decoder(Event event, BiFunction<ChainEvent.Position, Values, ChainEvent> toDomain) {
    }

    /** Indexed and non-indexed values of one log, in declaration order within each group. */
    private record Values(List<Type> indexed, List<Type> data) {
        BigInteger uint(int i, boolean isIndexed) {
            return (BigInteger) (isIndexed ? indexed : data).get(i).getValue();
        }

        Address address(int i, boolean isIndexed) {
            return Address.of((String) (isIndexed ? indexed : data).get(i).getValue());
        }

        Bytes32 bytes32(int i, boolean isIndexed) {
            return Bytes32.of((byte[]) (isIndexed ? indexed : data).get(i).getValue());
        }
    }

    private static final boolean I = true;
    private static final boolean D = false;

    private static final List<Decoder> DECODERS = List.of(
            new Decoder(BridgeNodeRegistry.NODECLAIMED_EVENT, (p, v) -> new ChainEvent.NodeClaimed(p,
                    new NodeId(v.bytes32(0, I)), v.address(1, I), v.address(2, I))),
            new Decoder(BridgeNodeRegistry.COLLATERALDEPOSITED_EVENT, (p, v) -> new ChainEvent.CollateralDeposited(p,
                    new NodeId(v.bytes32(0, I)), v.address(1, I), v.uint(0, D), v.uint(1, D))),
            new Decoder(BridgeNodeRegistry.WITHDRAWALREQUESTED_EVENT, (p, v) -> new ChainEvent.WithdrawalRequested(p,
                    new NodeId(v.bytes32(0, I)), v.uint(0, D), v.uint(1, D), v.uint(2, D).longValueExact())),
            new Decoder(BridgeNodeRegistry.COLLATERALWITHDRAWN_EVENT, (p, v) -> new ChainEvent.CollateralWithdrawn(p,
                    new NodeId(v.bytes32(0, I)), v.address(1, I), v.uint(0, D))),
            new Decoder(BridgeNodeRegistry.COLLATERALLOCKED_EVENT, (p, v) -> new ChainEvent.CollateralLocked(p,
                    new NodeId(v.bytes32(0, I)), v.uint(0, D), v.uint(1, D))),
            new Decoder(BridgeNodeRegistry.COLLATERALUNLOCKED_EVENT, (p, v) -> new ChainEvent.CollateralUnlocked(p,
                    new NodeId(v.bytes32(0, I)), v.uint(0, D), v.uint(1, D))),
            new Decoder(BridgeNodeRegistry.COLLATERALSLASHED_EVENT, (p, v) -> new ChainEvent.CollateralSlashed(p,
                    new NodeId(v.bytes32(0, I)), v.address(1, I), v.uint(0, D), v.uint(1, D))),
            new Decoder(SlaEscrow.AGREEMENTCREATED_EVENT, (p, v) -> new ChainEvent.AgreementCreated(p,
                    new AgreementId(v.uint(0, I)), new AgreementRef(v.bytes32(1, I)), v.address(2, I), v.address(0, D),
                    new NodeId(v.bytes32(1, D)), v.address(2, D), v.uint(3, D), v.uint(4, D).longValueExact(),
                    v.uint(5, D).longValueExact())),
            new Decoder(SlaEscrow.AGREEMENTACCEPTED_EVENT, (p, v) -> new ChainEvent.AgreementAccepted(p,
                    new AgreementId(v.uint(0, I)), v.uint(0, D))),
            new Decoder(SlaEscrow.AGREEMENTREJECTED_EVENT, (p, v) -> new ChainEvent.AgreementRejected(p,
                    new AgreementId(v.uint(0, I)), v.uint(0, D))),
            new Decoder(SlaEscrow.AGREEMENTCANCELLED_EVENT, (p, v) -> new ChainEvent.AgreementCancelled(p,
                    new AgreementId(v.uint(0, I)), v.uint(0, D), v.uint(1, D).longValueExact())),
            new Decoder(SlaEscrow.EPOCHSETTLED_EVENT, (p, v) -> new ChainEvent.EpochSettled(p,
                    new AgreementId(v.uint(0, I)), v.uint(1, I).longValueExact(), v.uint(0, D).intValueExact(),
                    v.uint(1, D), v.uint(2, D), v.uint(3, D), v.uint(4, D))),
            new Decoder(SlaEscrow.EPOCHDEFAULTED_EVENT, (p, v) -> new ChainEvent.EpochDefaulted(p,
                    new AgreementId(v.uint(0, I)), v.uint(1, I).longValueExact(), v.uint(0, D))),
            new Decoder(SlaEscrow.AGREEMENTCOMPLETED_EVENT, (p, v) -> new ChainEvent.AgreementCompleted(p,
                    new AgreementId(v.uint(0, I)))),
            new Decoder(SlaEscrow.AGREEMENTEXPIRED_EVENT, (p, v) -> new ChainEvent.AgreementExpired(p,
                    new AgreementId(v.uint(0, I)), v.uint(0, D))),
            new Decoder(SlaEscrow.WITHDRAWN_EVENT, (p, v) -> new ChainEvent.Withdrawn(p,
                    v.address(0, I), v.address(1, I), v.uint(0, D))),
            new Decoder(OracleHub.EPOCHREPORTED_EVENT, (p, v) -> new ChainEvent.EpochReported(p,
                    v.uint(0, I).longValueExact(), v.bytes32(0, D), v.address(1, I))));

    private static final Map<String, Decoder> BY_TOPIC = DECODERS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(d -> EventEncoder.encode(d.event()), d -> d));

    private final Web3j web3j;
    private final List<Address> contracts;
    private final int confirmations;
    private final int rewindBlocks;

    /**
     * @param contracts     the contracts to follow (registry, escrow, hub of an {@code AddressBook})
     * @param confirmations blocks that must be on top of a block before it is read (0 on anvil)
     * @param rewindBlocks  how far to go back when the cursor's block is no longer on the chain
     */
    public Web3jChainEvents(Web3j web3j, List<Address> contracts, int confirmations, int rewindBlocks) {
        this.web3j = web3j;
        this.contracts = List.copyOf(contracts);
        this.confirmations = confirmations;
        this.rewindBlocks = rewindBlocks;
    }

    @Override
    public EventPage read(BlockCursor cursor, int maxBlocks) {
        BlockCursor from = cursor;
        boolean rewound = false;
        if (cursor.previousBlockHash().isPresent() && cursor.nextBlock() > 0) {
            Optional<Bytes32> seen = blockHash(cursor.nextBlock() - 1);
            if (!seen.equals(cursor.previousBlockHash())) {
                long back = Math.max(0, cursor.nextBlock() - rewindBlocks);
                from = new BlockCursor(back, back == 0 ? Optional.empty() : blockHash(back - 1));
                rewound = true;
            }
        }
        long head = Web3jTransactions.request(() -> web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
        long safeHead = head - confirmations;
        long to = Math.min(safeHead, from.nextBlock() + maxBlocks - 1);
        if (to < from.nextBlock()) {
            return new EventPage(List.of(), from, rewound);
        }
        Bytes32 toHash = blockHash(to).orElseThrow(() -> new IllegalStateException("block vanished while reading"));
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from.nextBlock())),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), contracts.stream().map(Address::value).toList());
        EthLog logs = Web3jTransactions.request(() -> web3j.ethGetLogs(filter).send());
        if (logs.hasError()) {
            throw new IllegalStateException("eth_getLogs failed: " + logs.getError().getMessage());
        }
        List<ChainEvent> events = new ArrayList<>();
        for (EthLog.LogResult<?> result : logs.getLogs()) {
            Log log = (Log) result.get();
            if (log.getBlockNumber().longValueExact() == to && !Bytes32.ZERO.equals(toHash)
                    && !new Bytes32(log.getBlockHash()).equals(toHash)) {
                // the last block changed under us: read the range again on the next call
                return new EventPage(List.of(), from, rewound);
            }
            decode(log).ifPresent(events::add);
        }
        events.sort(Comparator.comparingLong((ChainEvent e) -> e.position().blockNumber())
                .thenComparingInt(e -> e.position().logIndex()));
        return new EventPage(events, new BlockCursor(to + 1, Optional.of(toHash)), rewound);
    }

    /** The head block number (for a cursor that should start "now"). */
    public long headBlock() {
        return Web3jTransactions.request(() -> web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
    }

    static Optional<ChainEvent> decode(Log log) {
        if (log.getTopics().isEmpty()) {
            return Optional.empty();
        }
        Decoder decoder = BY_TOPIC.get(log.getTopics().getFirst());
        if (decoder == null) {
            return Optional.empty();
        }
        org.web3j.abi.EventValues values = Contract.staticExtractEventParameters(decoder.event(), log);
        ChainEvent.Position position = new ChainEvent.Position(log.getBlockNumber().longValueExact(),
                new Bytes32(log.getBlockHash()), log.getTransactionHash(), log.getLogIndex().intValueExact());
        return Optional.of(decoder.toDomain().apply(position, new Values(values.getIndexedValues(), values.getNonIndexedValues())));
    }

    private Optional<Bytes32> blockHash(long number) {
        EthBlock block = Web3jTransactions.request(() ->
                web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send());
        return Optional.ofNullable(block.getBlock()).map(b -> new Bytes32(b.getHash()));
    }
}
