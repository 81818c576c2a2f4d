package io.flashback.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong();
    private final TokenBuckets buckets = new TokenBuckets(3, 2, now::get);

    @Test
    void aFullBucketLetsItsCapacityThroughAtOnce() {
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isPositive();
    }

    @Test
    void anEmptyBucketSaysHowLongUntilTheNextToken() {
        for (int i = 0; i < 3; i++) {
            buckets.take("a");
        }

        assertThat(buckets.take("a")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(buckets.take("a")).isZero();
    }

    @Test
    void bucketsRefillUpToTheirCapacityOnly() {
        for (int i = 0; i < 3; i++) {
            buckets.take("a");
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));

        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a")).isZero();
        }
        assertThat(buckets.take("a")).isPositive();
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            buckets.take("a");
        }

        assertThat(buckets.take("b")).isZero();
    }
}
