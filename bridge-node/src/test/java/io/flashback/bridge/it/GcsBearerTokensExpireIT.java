package io.flashback.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import io.flashback.bridge.gcs.GcsTokens;
import io.flashback.bridge.node.BridgeNode;
import io.flashback.bridge.node.NodeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GCS bearer tokens carry their expiry and the node refuses them after it, or when they claim to
 * live longer than the node allows, with GCS's 401 JSON error (issue #13, L5); the official client
 * with minting credentials keeps working across expiries. Time moves on a clock the test sets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GcsBearerTokensExpireIT {
    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final MovableClock clock = new MovableClock();
    private BridgeNode node;

    @BeforeAll
    void start() {
        node = BridgeNode.start(NodeConfig.filesystem(0, 0, NodeFixtures.tempDir("bridge-tokens"), NodeFixtures.grants())
                .withGcsTokenTtl(Duration.ofMinutes(30)), clock);
        try (Storage s = client(GcsTokens.credentials(NodeFixtures.ACCESS_KEY, NodeFixtures.SECRET, clock, Duration.ofMinutes(30)))) {
            s.create(BucketInfo.of("it-tokens"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private Storage client(GoogleCredentials credentials) {
        return StorageOptions.http().setHost(node.endpoint()).setProjectId("p").setCredentials(credentials)
                .setRetrySettings(ServiceOptions.getNoRetrySettings()).build().getService();
    }

    /** A fixed token, as a client holding one printed by {@code gcs-token} sends it (the client believes it lives a day). */
    private Storage clientWithFixedToken(String token) {
        return client(GoogleCredentials.create(new AccessToken(token, Date.from(Instant.now().plus(Duration.ofDays(1))))));
    }

    private HttpResponse<String> listWith(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.endpoint() + "/storage/v1/b/it-tokens/o"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test // #13 L5
    void aTokenWorksUntilItExpiresAndIsThenRefusedWithA401JsonError() throws Exception {
        String token = GcsTokens.token(NodeFixtures.ACCESS_KEY, NodeFixtures.SECRET, clock.instant().plus(Duration.ofMinutes(20)));
        try (Storage fixed = clientWithFixedToken(token)) {
            fixed.create(BlobInfo.newBuilder("it-tokens", "before-expiry").build(), "x".getBytes(StandardCharsets.UTF_8));
            clock.advance(Duration.ofMinutes(21));
            // the client cannot refresh a fixed token: the node's 401 ends the call
            assertThatThrownBy(() -> fixed.get(BlobId.of("it-tokens", "before-expiry"))).isInstanceOf(StorageException.class);
        }
        HttpResponse<String> r = listWith(token);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).contains("application/json"));
        assertThat(r.body()).contains("\"code\":401").contains("\"reason\":\"authError\"").contains("The bearer token expired at");
    }

    @Test // #13 L5
    void aTokenClaimingToOutliveTheNodesLimitIsRefused() throws Exception {
        String forever = GcsTokens.token(NodeFixtures.ACCESS_KEY, NodeFixtures.SECRET, clock.instant().plus(Duration.ofDays(3650)));
        HttpResponse<String> r = listWith(forever);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"reason\":\"authError\"").contains("longer than this node accepts");
    }

    @Test // #13 L5
    void aTokenOfTheOldNeverExpiringFormIsRefused() throws Exception {
        byte[] mac = io.flashback.bridge.auth.SigV4.hmac(NodeFixtures.SECRET.getBytes(StandardCharsets.UTF_8),
                "flashback-gcs-token:" + NodeFixtures.ACCESS_KEY);
        String old = NodeFixtures.ACCESS_KEY + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
        assertThat(listWith(old).statusCode()).isEqualTo(401);
    }

    @Test // #13 L5
    void theOfficialClientWithMintingCredentialsKeepsWorkingAcrossExpiries() {
        try (Storage minting = client(GcsTokens.credentials(NodeFixtures.ACCESS_KEY, NodeFixtures.SECRET, clock, Duration.ofMinutes(30)))) {
            minting.create(BlobInfo.newBuilder("it-tokens", "minted").build(), "1".getBytes(StandardCharsets.UTF_8));
            clock.advance(Duration.ofHours(2));
            // the node refuses the token the client holds; the client mints a new one on the 401 and retries
            assertThat(minting.readAllBytes(BlobId.of("it-tokens", "minted"))).isEqualTo("1".getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
