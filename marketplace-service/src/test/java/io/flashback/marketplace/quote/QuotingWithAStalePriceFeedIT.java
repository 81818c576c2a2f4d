package io.flashback.marketplace.quote;

import io.flashback.chain.Address;
import io.flashback.chain.deploy.AddressBook;
import io.flashback.chain.deploy.Deployer;
import io.flashback.chain.deploy.DeploymentPlan;
import io.flashback.chain.web3j.ChainKeys;
import io.flashback.chain.web3j.InMemoryTransactionJournal;
import io.flashback.chain.web3j.TransactionSettings;
import io.flashback.chain.web3j.Web3jTransactions;
import io.flashback.chain.web3j.contracts.LocalPriceFeed;
import io.flashback.infra.anvil.Anvil;
import io.flashback.infra.anvil.AnvilAccounts;
import io.flashback.marketplace.MarketplaceIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The marketplace reading the deployment's LocalPriceFeed ("FLASH / USD") on a real anvil, with a maximum age of 5 s so
 * that the answer given at deployment goes stale while the test waits: quotes in FLASH are refused with 503 problem
 * details until the feed answers again, quotes in other currencies go on.
 */
class QuotingWithAStalePriceFeedIT extends MarketplaceIntegrationTest {

    private static Anvil anvil;
    private static Web3j web3j;
    private static Web3jTransactions governance;
    private static AddressBook book;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void chain(DynamicPropertyRegistry registry) {
        Path bookFile = deploy();
        registry.add("flashback.marketplace.chain.address-book", bookFile::toString);
        registry.add("flashback.marketplace.chain.rpc-url", anvil::rpcUrl);
        registry.add("flashback.marketplace.chain.rate-cache-ttl", () -> "0s");
        registry.add("flashback.marketplace.chain.rate-max-age", () -> "5s");
    }

    private static Path deploy() {
        try {
            Path directory = Files.createDirectories(Path.of("target", "anvil", "stale-" + System.nanoTime()));
            anvil = Anvil.start(directory, 0, null);
            web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
            governance = new Web3jTransactions(web3j, ChainKeys.fromHex(AnvilAccounts.PRIVATE_KEYS.get(0)), Anvil.CHAIN_ID,
                    TransactionSettings.defaults().withReceiptTimeout(Duration.ofSeconds(20)), new InMemoryTransactionJournal());
            book = Deployer.deployAll(governance, DeploymentPlan.local(List.of(Address.of(ChainKeys.anvil(6).getAddress())), 1,
                    List.of(governance.address())));
            Path file = directory.resolve("address-book.json");
            book.write(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        web3j.shutdown();
        anvil.close();
    }

    @Test // #13 L6
    void aStaleFeedRefusesQuotesInItsCurrencyWith503UntilItAnswersAgain() {
        UUID unit = insertUnit();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> quote(unit, "FLASH")
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Exchange rate unavailable"))
                .andExpect(jsonPath("$.currency").value("FLASH"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.startsWith("no current exchange rate for FLASH: the price feed " + book.priceFeed().value()),
                        org.hamcrest.Matchers.endsWith("more than the 5 s allowed")))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> quote(unit, "USDC").andExpect(status().isCreated()));

        governance.send("feed-" + System.nanoTime(), book.priceFeed().value(), feed().updateAnswer(new BigInteger("40000000")).encodeFunctionCall());

        quoteWithinTheNewAnswersAge(unit);
    }

    /** The new answer is fresh for 5 s: the quote right after it prices FLASH by the feed again. */
    private void quoteWithinTheNewAnswersAge(UUID unit) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> quote(unit, "FLASH")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.quote.rates[?(@.currency == 'FLASH')].source").value("PRICE_FEED"))
                .andExpect(jsonPath("$.quote.rates[?(@.currency == 'FLASH')].inReference").value(0.4)));
    }

    private ResultActions quote(UUID unit, String currency) throws Exception {
        return mvc.perform(post("/quotes").contentType(MediaType.APPLICATION_JSON).content("""
                {"dataUnitIds":["%s"],"capacityBytes":%d,"termDays":30,"currency":"%s"}""".formatted(unit, 1L << 30, currency)));
    }

    private static LocalPriceFeed feed() {
        return LocalPriceFeed.load(book.priceFeed().value(), web3j, new ReadonlyTransactionManager(web3j, Address.ZERO.value()),
                new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    private UUID insertUnit() {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into data_unit (id, provider_id, node_id, state, listed, capacity_bytes, reserved_bytes, currency,
                  price_per_gb_month, egress_price_per_gb, reference_price, region, country, api_s3, api_gcs, availability_pct,
                  latency_ms, upload_mbps, download_mbps, error_rate_ppm, min_term_days, max_term_days, payment_methods,
                  encryption_at_rest, versioning, rating, effective_latency_ms, created_at, updated_at)
                values (?, ?, 'node-stale', 'AVAILABLE', true, ?, 0, 'USDC', 0.02, 0.003, 0.02, 'eu-west', 'DE', true, false, 99.9,
                  30, 100, 200, 100, 30, 365, array['evm:31337:USDC'], true, false, 50, 30, now(), now())""",
                id, UUID.randomUUID(), 1L << 40);
        return id;
    }
}
