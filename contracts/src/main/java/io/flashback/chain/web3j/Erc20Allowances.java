package io.flashback.chain.web3j;

import io.flashback.chain.Address;
import io.flashback.chain.web3j.contracts.FlashToken;

import java.math.BigInteger;

/** Approves a spender before a call that pulls tokens, only when the allowance is short. */
final class Erc20Allowances {

    private Erc20Allowances() {
    }

    static void ensure(Web3jTransactions transactions, Address token, Address spender, BigInteger amount, String operationId) {
        // Any ERC-20 wrapper encodes allowance/approve the same way; FlashToken's is at hand.
        FlashToken erc20 = FlashToken.load(token.value(), transactions.web3j(),
                Contracts.readOnly(transactions.web3j(), transactions.address().value()), Contracts.UNUSED_GAS);
        BigInteger allowance = Contracts.view(erc20.allowance(transactions.address().value(), spender.value()));
        if (allowance.compareTo(amount) < 0) {
            transactions.send("approve/" + operationId, token.value(), erc20.approve(spender.value(), amount).encodeFunctionCall());
        }
    }
}
