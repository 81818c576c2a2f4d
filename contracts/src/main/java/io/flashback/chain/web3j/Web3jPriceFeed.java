package io.flashback.chain.web3j;

import io.flashback.chain.Address;
import io.flashback.chain.PriceFeed;
import io.flashback.chain.PriceQuote;
import io.flashback.chain.web3j.contracts.LocalPriceFeed;
import org.web3j.protocol.Web3j;
import org.web3j.tuples.generated.Tuple5;

import java.math.BigInteger;
import java.time.Instant;

/**
 * {@link PriceFeed} on any AggregatorV3Interface contract (a Chainlink feed, or LocalPriceFeed on
 * anvil): the local feed's wrapper encodes the interface's functions like any other implementation.
 */
public final class Web3jPriceFeed implements PriceFeed {

    private final Address address;
    private final LocalPriceFeed feed;

    public Web3jPriceFeed(Web3j web3j, Address feed) {
        this.address = feed;
        this.feed = LocalPriceFeed.load(feed.value(), web3j, Contracts.readOnly(web3j, Address.ZERO.value()), Contracts.UNUSED_GAS);
    }

    @Override
    public Address address() {
        return address;
    }

    @Override
    public PriceQuote latest() {
        Tuple5<BigInteger, BigInteger, BigInteger, BigInteger, BigInteger> round = Contracts.view(feed.latestRoundData());
        int decimals = Contracts.view(feed.decimals()).intValueExact();
        return new PriceQuote(round.component1(), round.component2(), decimals, Instant.ofEpochSecond(round.component4().longValueExact()),
                round.component5());
    }

    @Override
    public String description() {
        return Contracts.view(feed.description());
    }
}
