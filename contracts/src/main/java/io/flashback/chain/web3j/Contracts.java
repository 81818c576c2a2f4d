package io.flashback.chain.web3j;

import io.flashback.chain.ChainException;
import io.flashback.chain.TxOutcome;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.exceptions.ContractCallException;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * Glue between the generated wrappers and {@link Web3jTransactions}: wrappers are used to encode calls,
 * read views and decode events; every transaction goes through {@link Web3jTransactions}.
 */
final class Contracts {

    /** Gas values are never used by the wrappers here: transactions are not sent through them. */
    static final ContractGasProvider UNUSED_GAS = new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);

    private Contracts() {
    }

    static TransactionManager readOnly(Web3j web3j, String from) {
        return new ReadonlyTransactionManager(web3j, from);
    }

    /** Runs a view call, mapping transport failures and reverts to {@link ChainException}s. */
    static <T> T view(RemoteFunctionCall<T> call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw new ChainException.Unavailable("cannot reach the chain: " + e.getMessage(), e);
        } catch (ContractCallException e) {
            throw new ChainException.Reverted("CallFailed", List.of(), e.getMessage());
        } catch (ChainException e) {
            throw e;
        } catch (Exception e) {
            if (e.getCause() instanceof IOException io) {
                throw new ChainException.Unavailable("cannot reach the chain: " + io.getMessage(), io);
            }
            throw new ChainException.Unavailable("view call failed: " + e.getMessage(), e);
        }
    }

    static TxOutcome mined(TransactionReceipt receipt) {
        return new TxOutcome.Mined(receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact(), receipt.getGasUsed());
    }
}
