package io.flashback.registry.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiwePolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final SiwePolicy policy = new SiwePolicy("app.flashback.io", "https://app.flashback.io", 31337, Duration.ofMinutes(10), Duration.ofMinutes(1));

    private static SiweMessage message(String domain, String uri, long chainId, Instant issuedAt, String extra) {
        return SiweMessage.parse(domain + " wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\n"
                + "URI: " + uri + "\nVersion: 1\nChain ID: " + chainId + "\nNonce: abcdefgh1234\nIssued At: " + issuedAt + extra);
    }

    @Test
    void acceptsAFreshMessageForThisPlatform() {
        assertThatCode(() -> policy.check(message("app.flashback.io", "https://app.flashback.io/login", 31337, NOW.minusSeconds(30), ""), NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsAnotherDomain() {
        assertThatThrownBy(() -> policy.check(message("evil.example", "https://app.flashback.io/login", 31337, NOW, ""), NOW))
                .isInstanceOf(SignInRejected.class).hasMessageContaining("domain");
    }

    @Test
    void rejectsAUriOutsideThePlatformsOrigin() {
        assertThatThrownBy(() -> policy.check(message("app.flashback.io", "https://evil.example/login", 31337, NOW, ""), NOW))
                .isInstanceOf(SignInRejected.class).hasMessageContaining("URI");
    }

    @Test // #13 L2
    void rejectsAUriWhoseTextMerelyStartsWithThePlatformsOrigin() {
        SiwePolicy local = new SiwePolicy("127.0.0.1:8080", "http://127.0.0.1:8080", 31337, Duration.ofMinutes(10), Duration.ofMinutes(1));
        for (String lookalike : List.of(
                "http://127.0.0.1:8080.evil.example/login",
                "http://127.0.0.1:80800/",
                "http://127.0.0.1:8080@evil.example/",
                "http://127.0.0.1:8080\\@evil.example/",
                "http://127.0.0.1:8081/",
                "http://127.0.0.10:8080/",
                "https://127.0.0.1:8080/",
                "http://127.0.0.1/")) {
            assertThatThrownBy(() -> local.check(message("127.0.0.1:8080", lookalike, 31337, NOW, ""), NOW))
                    .as(lookalike).isInstanceOf(RuntimeException.class).hasMessageContaining("URI");
        }
        for (String lookalike : List.of("https://app.flashback.io.evil.example/", "https://app.flashback.iox/", "https://evil@app.flashback.io/",
                "https://app.flashback.io:8443/")) {
            assertThatThrownBy(() -> policy.check(message("app.flashback.io", lookalike, 31337, NOW, ""), NOW))
                    .as(lookalike).isInstanceOf(SignInRejected.class).hasMessageContaining("URI");
        }
    }

    @Test // #13 L2
    void acceptsTheOriginWithItsDefaultPortCaseAndAnyPathUnderIt() {
        for (String same : List.of("https://app.flashback.io", "https://app.flashback.io/", "https://APP.flashback.io/login",
                "https://app.flashback.io:443/x/y?z=1", "HTTPS://app.flashback.io/")) {
            assertThatCode(() -> policy.check(message("app.flashback.io", same, 31337, NOW, ""), NOW)).as(same).doesNotThrowAnyException();
        }
    }

    @Test // #13 L2
    void aPathInThePrefixIsMatchedSegmentBySegment() {
        SiwePolicy underPath = new SiwePolicy("app.flashback.io", "https://app.flashback.io/app", 31337, Duration.ofMinutes(10), Duration.ofMinutes(1));
        assertThatCode(() -> underPath.check(message("app.flashback.io", "https://app.flashback.io/app/login", 31337, NOW, ""), NOW))
                .doesNotThrowAnyException();
        for (String outside : List.of("https://app.flashback.io/application", "https://app.flashback.io/app/../admin", "https://app.flashback.io/")) {
            assertThatThrownBy(() -> underPath.check(message("app.flashback.io", outside, 31337, NOW, ""), NOW))
                    .as(outside).isInstanceOf(SignInRejected.class).hasMessageContaining("URI");
        }
    }

    @Test
    void rejectsAnotherChain() {
        assertThatThrownBy(() -> policy.check(message("app.flashback.io", "https://app.flashback.io/login", 1, NOW, ""), NOW))
                .isInstanceOf(SignInRejected.class).hasMessageContaining("chain");
    }

    @Test
    void rejectsAMessageIssuedTooLongAgoOrInTheFuture() {
        assertThatThrownBy(() -> policy.check(message("app.flashback.io", "https://app.flashback.io/login", 31337, NOW.minus(Duration.ofMinutes(11)), ""), NOW))
                .isInstanceOf(SignInRejected.class).hasMessageContaining("minutes ago");
        assertThatThrownBy(() -> policy.check(message("app.flashback.io", "https://app.flashback.io/login", 31337, NOW.plus(Duration.ofMinutes(5)), ""), NOW))
                .isInstanceOf(SignInRejected.class).hasMessageContaining("future");
    }

    @Test
    void rejectsAnExpiredMessage() {
        assertThatThrownBy(() -> policy.check(message("app.flashback.io", "https://app.flashback.io/login", 31337, NOW.minusSeconds(300),
                "\nExpiration Time: " + NOW.minusSeconds(120)), NOW))
                .isInstanceOf(SignInRejected.class).hasMessageContaining("expired");
    }

    @Test
    void rejectsAMessageBeforeItsNotBefore() {
        assertThatThrownBy(() -> policy.check(message("app.flashback.io", "https://app.flashback.io/login", 31337, NOW,
                "\nNot Before: " + NOW.plusSeconds(600)), NOW))
                .isInstanceOf(SignInRejected.class).hasMessageContaining("Not Before");
    }
}
