package io.flashback.oracle.epoch.internal;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import io.flashback.chain.EpochReport;
import io.flashback.chain.Signature;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.eip712.Eip712Domain;
import io.flashback.chain.eip712.Eip712Signer;
import io.flashback.chain.eip712.EpochReports;
import io.flashback.events.oracle.EpochRootSigned;
import io.flashback.events.outbox.ProcessedEvents;
import io.flashback.oracle.epoch.EpochLedger;
import io.flashback.oracle.epoch.SignatureRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * Collects validators' epoch-root signatures. A signature is kept only when it belongs to this
 * deployment (chain id and hub) and recovers to the validator it names; whether that validator is
 * in the hub's set is decided when counting, against the set of that moment. Redeliveries are
 * recognised by event id, and the same signature arriving twice is stored once.
 */
public final class SignatureInbox {

    private static final Logger log = LoggerFactory.getLogger(SignatureInbox.class);

    private final AddressBook book;
    private final Eip712Domain domain;
    private final EpochLedger ledger;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String consumer;

    public SignatureInbox(AddressBook book, EpochLedger ledger, ProcessedEvents processed, TransactionTemplate transactions, Clock clock,
                          Address validator) {
        this.book = book;
        this.domain = Eip712Domain.oracleHub(book.chainId(), book.oracleHub());
        this.ledger = ledger;
        this.processed = processed;
        this.transactions = transactions;
        this.clock = clock;
        this.consumer = "oracle.signatures." + validator.value();
    }

    /** True when the signature was new and kept. */
    public boolean accept(EpochRootSigned event) {
        if (event.chainId() != book.chainId() || !book.oracleHub().value().equalsIgnoreCase(event.oracleHub())) {
            return false;
        }
        SignatureRecord record;
        try {
            Bytes32 root = new Bytes32(event.root());
            Signature signature = new Signature(event.signature());
            Address claimed = Address.of(event.validator());
            Address signer = Eip712Signer.recover(EpochReports.digest(new EpochReport(event.epoch(), root), domain), signature);
            if (!signer.equals(claimed)) {
                log.warn("epoch {}: signature claims validator {} but was made by {}; ignored", event.epoch(), claimed, signer);
                return false;
            }
            record = new SignatureRecord(event.epoch(), root, signer, signature);
        } catch (RuntimeException e) {
            log.warn("epoch {}: malformed signature event {} ignored: {}", event.epoch(), event.eventId(), e.getMessage());
            return false;
        }
        Boolean kept = transactions.execute(status -> {
            if (!processed.firstDelivery(event.eventId(), consumer)) {
                return false;
            }
            ledger.recordSignature(record, clock.instant());
            return true;
        });
        return Boolean.TRUE.equals(kept);
    }
}
