package io.flashback.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets (capacity {@code capacity}, refilled continuously at {@code refillPerSecond}) kept
 * in this instance's memory. With several gateway instances each enforces its own buckets, so the
 * effective limit is the configured one times the number of instances behind the load balancer;
 * a shared store (Redis) is what a strict global limit would need.
 */
final class TokenBuckets {

    private static final int MAX_KEYS = 100_000;

    private final int capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(int capacity, double refillPerSecond, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.tokensPerNano = refillPerSecond / 1_000_000_000d;
        this.nanoTime = nanoTime;
    }

    /** Takes one token for {@code key}: 0 when there was one, else the nanoseconds until there will be. */
    long take(String key) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_KEYS) {
            // buckets that refilled completely carry no state worth keeping
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(key, ignored -> new Bucket(capacity, now)).take(now);
    }

    int capacity() {
        return capacity;
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / tokensPerNano);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * tokensPerNano);
            updated = now;
        }
    }
}
