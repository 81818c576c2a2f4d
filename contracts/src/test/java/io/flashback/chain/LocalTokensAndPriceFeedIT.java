package io.flashback.chain;

import io.flashback.chain.web3j.Web3jPriceFeed;
import io.flashback.chain.web3j.contracts.LocalPriceFeed;
import io.flashback.chain.web3j.contracts.LocalStablecoin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import static io.flashback.chain.ChainFixtures.assertReverts;
import static io.flashback.chain.TestChain.CONSUMER;
import static io.flashback.chain.TestChain.GOVERNANCE;
import static io.flashback.chain.TestChain.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/** The local stand-ins for real tokens and a Chainlink feed. */
class LocalTokensAndPriceFeedIT {

    private static ChainFixtures f;
    private static LocalPriceFeed feed;

    @BeforeAll
    static void deploy() {
        f = new ChainFixtures();
        feed = LocalPriceFeed.load(f.book.priceFeed().value(), f.chain.web3j(),
                new ReadonlyTransactionManager(f.chain.web3j(), Address.ZERO.value()), new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    @Test
    void theFeedAnswersLikeAChainlinkAggregator() throws Exception {
        PriceFeed prices = new Web3jPriceFeed(f.chain.web3j(), f.book.priceFeed());
        assertThat(prices.description()).isEqualTo("FLASH / USD");
        BigInteger round = prices.latest().roundId();

        f.send(GOVERNANCE, f.book.priceFeed(), feed.updateAnswer(BigInteger.valueOf(125_000_000)).encodeFunctionCall());

        PriceQuote quote = prices.latest();
        assertThat(quote.roundId()).isEqualTo(round.add(BigInteger.ONE));
        assertThat(quote.decimals()).isEqualTo(8);
        assertThat(quote.price()).isEqualByComparingTo(new BigDecimal("1.25"));
        assertThat(feed.getRoundData(round).send().component2()).isEqualTo(BigInteger.valueOf(50_000_000));
        assertThat(feed.version().send()).isEqualTo(BigInteger.valueOf(4));
    }

    @Test
    void onlyTheOwnerPostsPositiveAnswers() {
        assertReverts(() -> f.send(STRANGER, f.book.priceFeed(), feed.updateAnswer(BigInteger.ONE).encodeFunctionCall()),
                "OwnableUnauthorizedAccount");
        assertReverts(() -> f.send(GOVERNANCE, f.book.priceFeed(), feed.updateAnswer(BigInteger.ZERO).encodeFunctionCall()),
                "NonPositiveAnswer");
    }

    @Test
    void unknownRoundsHaveNoData() {
        for (long round : List.of(0L, 9_999L)) {
            assertReverts(() -> f.call(f.book.priceFeed(), feed.getRoundData(BigInteger.valueOf(round)).encodeFunctionCall()), "NoDataPresent");
        }
    }

    @Test
    void aFeedCannotStartWithoutAPositiveAnswer() {
        for (long answer : List.of(0L, -1L)) {
            assertReverts(() -> f.deploy(LocalPriceFeed.BINARY, ChainFixtures.abi(f.book.governance()), new Uint8(8), new Utf8String("X / USD"),
                    new Int256(answer)), "NonPositiveAnswer");
        }
    }

    @Test
    void theStablecoinHasSixDecimalsAndOnlyTheOwnerMints() throws Exception {
        LocalStablecoin usd = LocalStablecoin.load(f.book.paymentToken().value(), f.chain.web3j(),
                new ReadonlyTransactionManager(f.chain.web3j(), Address.ZERO.value()), new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
        assertThat(usd.decimals().send()).isEqualTo(BigInteger.valueOf(6));
        assertThat(f.erc20(f.book.stakingToken()).decimals().send()).isEqualTo(BigInteger.valueOf(18));
        assertThat(f.erc20(f.book.stakingToken()).symbol().send()).isEqualTo("FLASH");
        BigInteger before = f.balance(f.book.paymentToken(), CONSUMER);

        f.send(GOVERNANCE, f.book.paymentToken(), usd.mint(f.chain.address(CONSUMER).value(), BigInteger.TEN).encodeFunctionCall());

        assertThat(f.balance(f.book.paymentToken(), CONSUMER)).isEqualTo(before.add(BigInteger.TEN));
        assertReverts(() -> f.send(STRANGER, f.book.paymentToken(), usd.mint(f.chain.address(STRANGER).value(), BigInteger.TEN)
                .encodeFunctionCall()), "OwnableUnauthorizedAccount");
        assertReverts(() -> f.send(STRANGER, f.book.stakingToken(), f.erc20(f.book.stakingToken())
                .mint(f.chain.address(STRANGER).value(), BigInteger.TEN).encodeFunctionCall()), "OwnableUnauthorizedAccount");
    }
}
