package io.flashback.launcher;

import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.web3j.contracts.OracleHub;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/** Read-only calls on the local chain's contracts, for the end-to-end tests' checks. */
final class ChainReads implements AutoCloseable {

    private static final byte[] DEFAULT_ADMIN_ROLE = new byte[32];

    private final Web3j web3j;

    ChainReads(int anvilPort) {
        this.web3j = Web3j.build(new HttpService("http://127.0.0.1:" + anvilPort));
    }

    boolean isValidator(AddressBook book, String address) throws Exception {
        return hub(book).isValidator(address).send();
    }

    /** Holds OracleHub's governance role (the one that may replace the validator set). */
    boolean isGovernance(AddressBook book, String address) throws Exception {
        return hub(book).hasRole(DEFAULT_ADMIN_ROLE, address).send();
    }

    private OracleHub hub(AddressBook book) {
        return OracleHub.load(book.oracleHub().value(), web3j, new ReadonlyTransactionManager(web3j, Credentials.create("0x1").getAddress()),
                new DefaultGasProvider());
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
