package io.flashback.monitor.audit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChallengingCanaryRangesTest {

    private static final byte[] SEED = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final Duration MS = Duration.ofMillis(5);

    @Test
    void contentFollowsFromTheSeedAloneAndAnyRangeIsTheSliceOfTheWhole() {
        CanaryContent content = new CanaryContent(SEED, 10_000);
        byte[] whole = content.bytes();

        assertThat(new CanaryContent(SEED, 10_000).bytes()).isEqualTo(whole);
        assertThat(content.bytes(new RangeChallenge(31, 97))).isEqualTo(Arrays.copyOfRange(whole, 31, 98));
        assertThat(content.bytes(new RangeChallenge(9_999, 9_999))).isEqualTo(new byte[] {whole[9_999]});
        assertThat(content.sha256Hex(new RangeChallenge(0, 9_999))).isEqualTo(CanaryContent.sha256Hex(whole));
        assertThat(CanaryContent.ofSeedHex(content.seedHex(), 10_000).bytes()).isEqualTo(whole);
    }

    @Test
    void otherSeedsGiveOtherContent() {
        byte[] other = SEED.clone();
        other[0] = 1;
        assertThat(new CanaryContent(other, 64).bytes()).isNotEqualTo(new CanaryContent(SEED, 64).bytes());
    }

    @Test
    void randomChallengesStayInsideTheObject() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            RangeChallenge range = RangeChallenge.random(10_000, 4_096, random);
            assertThat(range.length()).isEqualTo(4_096);
            assertThat(range.first()).isBetween(0L, 10_000L - 4_096);
        }
        assertThat(RangeChallenge.random(100, 4_096, random)).isEqualTo(new RangeChallenge(0, 99));
        assertThat(new RangeChallenge(5, 9)).hasToString("bytes=5-9");
        assertThatThrownBy(() -> new CanaryContent(SEED, 10).bytes(new RangeChallenge(5, 10))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passesOnlyWithExactlyTheBytesPlaced() {
        CanaryContent content = new CanaryContent(SEED, 10_000);
        RangeChallenge range = new RangeChallenge(100, 199);
        String expected = content.sha256Hex(range);

        assertThat(PossessionAudit.judge(range, expected, read(content.bytes(range))).outcome()).isEqualTo(AuditOutcome.PASSED);

        byte[] tampered = content.bytes(range);
        tampered[50] ^= 1;
        var wrong = PossessionAudit.judge(range, expected, read(tampered));
        assertThat(wrong.outcome()).isEqualTo(AuditOutcome.WRONG_BYTES);
        assertThat(wrong.answeredSha256()).isEqualTo(CanaryContent.sha256Hex(tampered));

        assertThat(PossessionAudit.judge(range, expected, read(content.bytes())).detail())
                .isEqualTo("10000 bytes answered for 100 asked (bytes=100-199)");
    }

    @Test
    void missingCanaryNoAnswerInTimeAndRefusalsFail() {
        RangeChallenge range = new RangeChallenge(0, 9);
        assertThat(PossessionAudit.judge(range, "x", new CanaryAnswer.Missing("NoSuchKey", MS)).outcome()).isEqualTo(AuditOutcome.MISSING);
        assertThat(PossessionAudit.judge(range, "x", new CanaryAnswer.TimedOut(MS)).outcome()).isEqualTo(AuditOutcome.TIMEOUT);
        assertThat(PossessionAudit.judge(range, "x", new CanaryAnswer.Refused(403, "AccessDenied", MS)).outcome()).isEqualTo(AuditOutcome.ERROR);
        assertThat(PossessionAudit.judge(range, "x", new CanaryAnswer.Failed(0, "connection refused", MS)).outcome().passed()).isFalse();
    }

    private static CanaryAnswer.Read read(byte[] bytes) {
        return new CanaryAnswer.Read(bytes, MS, MS);
    }
}
