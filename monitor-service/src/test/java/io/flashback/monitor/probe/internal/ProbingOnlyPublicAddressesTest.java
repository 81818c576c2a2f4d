package io.flashback.monitor.probe.internal;

import io.flashback.monitor.LoopbackHttpServer;
import io.flashback.monitor.probe.HttpObservation;
import io.flashback.security.node.NodeAddressPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's probe against real HTTP servers on the loopback interface, with the production rule (loopback refused)
 * or the local one (loopback allowed), and names resolved by the test so that a name can change its answer between the
 * announcement and the probe, as a rebinding DNS server would.
 */
class ProbingOnlyPublicAddressesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test // #13 M1
    void aNameThatPassedAtAnnouncementButResolvesToLoopbackAtConnectTimeIsNotProbed() throws Exception {
        LoopbackHttpServer internal = server(LoopbackHttpServer.answering(LoopbackHttpServer.S3_ACCESS_DENIED));
        AtomicInteger lookups = new AtomicInteger();
        NodeAddressPolicy production = new NodeAddressPolicy(false, host -> lookups.getAndIncrement() == 0
                ? new InetAddress[] {InetAddress.getByName("8.8.8.8")} : new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        URI endpoint = URI.create("http://node.rebinding.test:" + internal.port());
        production.checkAnnounced(endpoint);

        HttpObservation observation = probe(production).probe(endpoint, TIMEOUT);

        assertThat(observation).isInstanceOfSatisfying(HttpObservation.Unreachable.class, unreachable -> assertThat(unreachable.reason())
                .startsWith("not probed: node.rebinding.test (127.0.0.1) is a loopback address"));
        assertThat(internal.requests()).isZero();
    }

    @Test // #13 M1
    void aNameResolvingToAPrivateOrMetadataAddressIsNotProbed() {
        ApacheHttpEndpointProbe probe = probe(new NodeAddressPolicy(false, host -> switch (host) {
            case "private.node.test" -> new InetAddress[] {InetAddress.getByName("10.0.0.7")};
            case "metadata.node.test" -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};
            case "mixed.node.test" -> new InetAddress[] {InetAddress.getByName("8.8.8.8"), InetAddress.getByName("192.168.1.20")};
            default -> throw new UnknownHostException(host);
        }));

        assertThat(reason(probe, "http://private.node.test:9000")).contains("10.0.0.7", "private address");
        assertThat(reason(probe, "http://metadata.node.test")).contains("169.254.169.254", "link-local");
        assertThat(reason(probe, "https://mixed.node.test")).contains("192.168.1.20", "private address");
    }

    @Test // #13 M1
    void addressesWrittenInTheEndpointAreCheckedToo() {
        LoopbackHttpServer internal = server(LoopbackHttpServer.answering(LoopbackHttpServer.S3_ACCESS_DENIED));
        ApacheHttpEndpointProbe probe = probe(new NodeAddressPolicy(false));

        assertThat(reason(probe, internal.endpoint())).contains("127.0.0.1 is a loopback address");
        assertThat(reason(probe, "http://localhost:" + internal.port())).contains("localhost", "loopback address");
        assertThat(reason(probe, "http://169.254.169.254/latest/meta-data/")).contains("link-local");
        assertThat(reason(probe, "http://[fd00:ec2::254]/")).contains("unique local");
        assertThat(reason(probe, "http://[::ffff:10.1.2.3]:9000/")).contains("private address");
        assertThat(internal.requests()).isZero();
    }

    @Test // #13 M1
    void aRedirectIsNotFollowed() {
        LoopbackHttpServer target = server(LoopbackHttpServer.answering(LoopbackHttpServer.NGINX_PAGE));
        LoopbackHttpServer redirecting = server(LoopbackHttpServer.answering(LoopbackHttpServer.Answer.redirectTo(target.endpoint() + "/")));

        HttpObservation observation = probe(new NodeAddressPolicy(true)).probe(URI.create(redirecting.endpoint()), TIMEOUT);

        assertThat(observation).isInstanceOfSatisfying(HttpObservation.Answered.class, answered -> assertThat(answered.status()).isEqualTo(302));
        assertThat(redirecting.requests()).isEqualTo(1);
        assertThat(target.requests()).isZero();
    }

    @Test
    void withLoopbackAllowedTheProbeConnectsToTheAddressTheNameWasCheckedAs() {
        LoopbackHttpServer node = server(LoopbackHttpServer.answering(LoopbackHttpServer.S3_ACCESS_DENIED));
        NodeAddressPolicy local = new NodeAddressPolicy(true, host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});

        HttpObservation observation = probe(local).probe(URI.create("http://node.local.test:" + node.port()), TIMEOUT);

        assertThat(observation).isInstanceOfSatisfying(HttpObservation.Answered.class, answered -> assertThat(answered.status()).isEqualTo(403));
        assertThat(node.requests()).isEqualTo(1);
    }

    private static String reason(ApacheHttpEndpointProbe probe, String endpoint) {
        HttpObservation observation = probe.probe(URI.create(endpoint), TIMEOUT);
        assertThat(observation).isInstanceOf(HttpObservation.Unreachable.class);
        String reason = ((HttpObservation.Unreachable) observation).reason();
        assertThat(reason).startsWith("not probed: ").endsWith("a node's endpoint must be a public, routable address");
        return reason;
    }

    private ApacheHttpEndpointProbe probe(NodeAddressPolicy policy) {
        ApacheHttpEndpointProbe probe = new ApacheHttpEndpointProbe(TIMEOUT, 4, policy);
        opened.add(probe);
        return probe;
    }

    private LoopbackHttpServer server(LoopbackHttpServer server) {
        opened.add(server);
        return server;
    }
}
