import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway adds (ARCHITECTURE.md §7: ≤ 2 ms at p90, ≥ 50 % of direct throughput): the same
 * request straight to a service and through the gateway, in one run, alternating rounds.
 * Run against a platform started with ./flashback up:
 *   java benchmarks/GatewayOverhead.java [direct-url] [gateway-url] [seconds] [threads]
 */
public class GatewayOverhead {

    public static void main(String[] args) throws Exception {
        String direct = args.length > 0 ? args[0] : "http://127.0.0.1:8082/actuator/health/liveness";
        String gateway = args.length > 1 ? args[1] : "http://127.0.0.1:8080/api/marketplace/actuator/health/liveness";
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

        run(http, direct, 3, threads);   // warm-up, both paths
        run(http, gateway, 3, threads);
        long[] serialDirect = serial(http, direct, 2000);
        long[] serialGateway = serial(http, gateway, 2000);
        Result loadDirect = run(http, direct, seconds, threads);
        Result loadGateway = run(http, gateway, seconds, threads);

        System.out.printf("%nsequential latency (2 000 requests each)%n");
        System.out.printf("  direct   p50 %.2f ms  p90 %.2f ms  p99 %.2f ms%n", pct(serialDirect, .5), pct(serialDirect, .9), pct(serialDirect, .99));
        System.out.printf("  gateway  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms%n", pct(serialGateway, .5), pct(serialGateway, .9), pct(serialGateway, .99));
        System.out.printf("  added at p90: %.2f ms (target <= 2 ms)%n", pct(serialGateway, .9) - pct(serialDirect, .9));
        System.out.printf("throughput with %d threads for %d s%n", threads, seconds);
        System.out.printf("  direct   %,.0f req/s (errors %d)%n", loadDirect.rate(), loadDirect.errors());
        System.out.printf("  gateway  %,.0f req/s (errors %d)%n", loadGateway.rate(), loadGateway.errors());
        System.out.printf("  gateway / direct = %.2f (target >= 0.50)%n", loadGateway.rate() / loadDirect.rate());
    }

    record Result(double rate, long errors) {
    }

    static long[] serial(HttpClient http, String url, int count) throws Exception {
        long[] nanos = new long[count];
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.discarding());
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    static Result run(HttpClient http, String url, int seconds, int threads) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            Future<?>[] workers = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                                done.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        return new Result(done.get() / (double) seconds, errors.get());
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
