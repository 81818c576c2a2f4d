package io.flashback.chain.deploy;

import io.flashback.chain.Address;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Deployer#deployAll} deploys and how it configures it. Empty token and feed addresses
 * mean "deploy the local stand-in" (FlashToken, LocalStablecoin, LocalPriceFeed); on a real network
 * the real addresses are given instead. {@code fundAccounts} get {@code fundStake} FLASH and
 * {@code fundStable} fUSD minted when the local tokens are deployed.
 */
public record DeploymentPlan(List<Address> validators, int threshold, Duration epochLength, Duration unbondingPeriod,
                             int platformFeeBps, int settlementGraceEpochs, Optional<Address> treasury,
                             Optional<Address> stakingToken, Optional<Address> paymentToken, Optional<Address> priceFeed,
                             List<Address> fundAccounts, BigInteger fundStake, BigInteger fundStable) {

    public static final Duration DEFAULT_UNBONDING = Duration.ofDays(30);
    public static final int DEFAULT_PLATFORM_FEE_BPS = 200; // 2 %, Flashback's documented fee

    public DeploymentPlan {
        validators = List.copyOf(validators);
        fundAccounts = List.copyOf(fundAccounts);
    }

    /**
     * Local defaults: hourly epochs, 30-day unbonding, 2 % fee, 2 grace epochs, local tokens and feed,
     * 1 000 000 FLASH and 1 000 000 fUSD for each funded account.
     */
    public static DeploymentPlan local(List<Address> validators, int threshold, List<Address> fundAccounts) {
        return new DeploymentPlan(validators, threshold, Duration.ofHours(1), DEFAULT_UNBONDING, DEFAULT_PLATFORM_FEE_BPS, 2,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), fundAccounts,
                BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(1_000_000)),
                BigInteger.TEN.pow(6).multiply(BigInteger.valueOf(1_000_000)));
    }

    /**
     * The local chain's defaults: anvil accounts 6–9 as validators with threshold 3 (n = 4 tolerates
     * f = 1), and FLASH and fUSD minted to all ten development accounts.
     */
    public static DeploymentPlan anvil() {
        List<Address> validators = java.util.stream.IntStream.rangeClosed(6, 9)
                .mapToObj(i -> Address.of(io.flashback.chain.web3j.ChainKeys.anvil(i).getAddress())).toList();
        List<Address> accounts = io.flashback.chain.web3j.ChainKeys.ANVIL_DEVELOPMENT_KEYS.stream()
                .map(k -> Address.of(io.flashback.chain.web3j.ChainKeys.fromHex(k).getAddress())).toList();
        return local(validators, defaultThreshold(validators.size()), accounts);
    }

    /** The largest threshold that f = (n − 1) / 3 silent validators cannot block: n − f. */
    public static int defaultThreshold(int validators) {
        return validators - (validators - 1) / 3;
    }

    public DeploymentPlan withEpochLength(Duration length) {
        return new DeploymentPlan(validators, threshold, length, unbondingPeriod, platformFeeBps, settlementGraceEpochs,
                treasury, stakingToken, paymentToken, priceFeed, fundAccounts, fundStake, fundStable);
    }

    public DeploymentPlan withUnbondingPeriod(Duration period) {
        return new DeploymentPlan(validators, threshold, epochLength, period, platformFeeBps, settlementGraceEpochs,
                treasury, stakingToken, paymentToken, priceFeed, fundAccounts, fundStake, fundStable);
    }
}
