package io.flashback.bridge.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class UsagePerGrantAndMinuteTest {
    static final Instant MINUTE = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void aMinuteCountsRequestsByOperationLatencyBucketsAndLargeTransfersForThroughput() {
        InMemoryUsageAggregates usage = new InMemoryUsageAggregates(key -> key.equals("AK1") ? "agreement-1" : null);
        usage.record(request("GetObject", 200, 0, 4 << 20, 40_000_000, MINUTE.plusSeconds(1)));   // 4 MiB in 40 ms
        usage.record(request("GetObject", 404, 0, 200, 3_000_000, MINUTE.plusSeconds(2)));
        usage.record(request("PutObject", 200, 2 << 20, 0, 20_000_000, MINUTE.plusSeconds(3)));   // 2 MiB in 20 ms
        usage.record(request("PutObject", 503, 10, 0, 12_000_000_000L, MINUTE.plusSeconds(4)));   // 12 s: slower than every bound

        UsageMinute minute = usage.drainClosed(MINUTE.plusSeconds(60)).getFirst();

        assertThat(minute.agreementId()).isEqualTo("agreement-1");
        assertThat(minute.requests()).isEqualTo(4);
        assertThat(minute.clientErrors()).isEqualTo(1);
        assertThat(minute.serverErrors()).isEqualTo(1);
        assertThat(minute.requestsByOperation()).isEqualTo(Map.of("GetObject", 2L, "PutObject", 2L));
        assertThat(minute.latencyHistogram()).containsExactly(1L, 0L, 1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
        assertThat(minute.downloadBytes()).isEqualTo(4 << 20);
        assertThat(minute.downloadNanos()).isEqualTo(40_000_000);
        assertThat(minute.uploadBytes()).isEqualTo(2 << 20);
        assertThat(minute.uploadNanos()).as("the small upload says nothing about throughput").isEqualTo(20_000_000);
        assertThat(minute.latencyNanosMax()).isEqualTo(12_000_000_000L);
    }

    @Test
    void onlyClosedMinutesAreDrainedAndEachOnce() {
        InMemoryUsageAggregates usage = new InMemoryUsageAggregates();
        usage.record(request("GetObject", 200, 0, 1, 1_000_000, MINUTE.plusSeconds(10)));
        usage.record(request("GetObject", 200, 0, 1, 1_000_000, MINUTE.plusSeconds(70)));

        assertThat(usage.drainClosed(MINUTE.plusSeconds(65))).extracting(UsageMinute::minute).containsExactly(MINUTE);
        assertThat(usage.drainClosed(MINUTE.plusSeconds(65))).isEmpty();
        assertThat(usage.snapshot()).extracting(UsageMinute::minute).containsExactly(MINUTE.plusSeconds(60));
    }

    @Test
    void aMinuteDrainedWhileRequestsAreStillBeingCountedIsConsistentAndNothingIsLost() throws Exception {
        InMemoryUsageAggregates usage = new InMemoryUsageAggregates(key -> "agreement-1");
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<Long>> recorded = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            recorded.add(writers.submit(() -> {
                long n = 0;
                while (running.get() || n < 10_000) {
                    usage.record(request(n % 2 == 0 ? "GetObject" : "PutObject", 200, 0, 1, n % 7_000_000, MINUTE.plusSeconds(5)));
                    n++;
                }
                return n;
            }));
        }
        List<UsageMinute> drained = new ArrayList<>();
        for (int i = 0; i < 200; i++) drained.addAll(usage.drainClosed(MINUTE.plusSeconds(60)));
        running.set(false);
        long total = 0;
        for (Future<Long> f : recorded) total += f.get();
        writers.shutdown();
        drained.addAll(usage.drainClosed(MINUTE.plusSeconds(60)));

        assertThat(drained.stream().mapToLong(UsageMinute::requests).sum()).isEqualTo(total);
        assertThat(drained).allSatisfy(m -> {
            assertThat(m.requestsByOperation().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(m.requests());
            assertThat(m.latencyHistogram().stream().mapToLong(Long::longValue).sum()).isEqualTo(m.requests());
        });
    }

    private static RequestRecord request(String operation, int status, long in, long out, long nanos, Instant at) {
        return new RequestRecord("s3", operation, "AK1", status, in, out, nanos, at);
    }
}
