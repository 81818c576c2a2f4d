package io.flashback.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashback.bridge.node.BridgeNode;
import io.flashback.bridge.node.NodeConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Hostile and broken requests: each gets the S3 error AWS gives, and nothing is left behind. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
    private static final String BUCKET = "it-bad-input";
    private Path dataDir;
    private BridgeNode node;
    private S3Client s3;

    @BeforeAll
    void start() {
        dataDir = NodeFixtures.tempDir("bad-input");
        node = BridgeNode.start(NodeConfig.filesystem(0, 0, dataDir, NodeFixtures.grants()).withBodyTimeout(Duration.ofSeconds(2)));
        s3 = NodeFixtures.client(node.endpoint());
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putObject(b -> b.bucket(BUCKET).key("keep"), RequestBody.fromString("keep me"));
    }

    @AfterAll
    void stop() {
        s3.close();
        node.close();
    }

    private URI uri(String pathAndQuery) {
        return URI.create(node.endpoint() + pathAndQuery);
    }

    private Map<String, List<String>> signed(String method, String pathAndQuery, byte[] payload, Map<String, String> extra) {
        return RawHttp.sign(method, uri(pathAndQuery), payload, NodeFixtures.ACCESS_KEY, NodeFixtures.SECRET, Clock.systemUTC(), extra);
    }

    private static Map<String, List<String>> with(Map<String, List<String>> headers, String name, String value) {
        Map<String, List<String>> h = new HashMap<>(headers);
        h.put(name, List.of(value));
        return h;
    }

    private void assertNothingLeftBehind(String key) throws IOException {
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).extracting(o -> o.key()).doesNotContain(key);
        try (Stream<Path> tmp = Files.list(dataDir.resolve("tmp"))) {
            assertThat(tmp.toList()).as("temp files").isEmpty();
        }
    }

    private static String code(RawHttp.Reply r) {
        int s = r.body().indexOf("<Code>");
        return s < 0 ? "" : r.body().substring(s + 6, r.body().indexOf("</Code>"));
    }

    @Test
    void malformedXmlInDeleteObjectsDeletesNothing() throws IOException {
        byte[] xml = "<Delete><Object><Key>keep</Key></Object".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply r = RawHttp.send(node.port(), "POST", "/" + BUCKET + "?delete",
                with(signed("POST", "/" + BUCKET + "?delete", xml, Map.of()), "Content-Length", Integer.toString(xml.length)), xml, false);
        assertThat(r.status()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("MalformedXML");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("keep")).asUtf8String()).isEqualTo("keep me");
    }

    @Test
    void xmlWithAnExternalEntityIsRefused() throws IOException {
        byte[] xml = ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Delete><Object><Key>&x;</Key></Object></Delete>").getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply r = RawHttp.send(node.port(), "POST", "/" + BUCKET + "?delete",
                with(signed("POST", "/" + BUCKET + "?delete", xml, Map.of()), "Content-Length", Integer.toString(xml.length)), xml, false);
        assertThat(code(r)).isEqualTo("MalformedXML");
    }

    @Test
    void aWrongSignatureIsRefusedWithTheStringToSign() throws IOException {
        byte[] body = "data".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> h = RawHttp.sign("PUT", uri("/" + BUCKET + "/wrong-sig"), body, NodeFixtures.ACCESS_KEY,
                "not-the-secret", Clock.systemUTC(), Map.of());
        RawHttp.Reply r = RawHttp.send(node.port(), "PUT", "/" + BUCKET + "/wrong-sig", with(h, "Content-Length", "4"), body, false);
        assertThat(r.status()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("SignatureDoesNotMatch");
        assertThat(r.body()).contains("<StringToSign>AWS4-HMAC-SHA256\n").contains("<CanonicalRequest>PUT\n/" + BUCKET + "/wrong-sig");
        assertNothingLeftBehind("wrong-sig");
    }

    @Test
    void anUnknownAccessKeyIsRefused() throws IOException {
        Map<String, List<String>> h = RawHttp.sign("GET", uri("/" + BUCKET + "/keep"), new byte[0], "AKIDUNKNOWN",
                NodeFixtures.SECRET, Clock.systemUTC(), Map.of());
        RawHttp.Reply r = RawHttp.send(node.port(), "GET", "/" + BUCKET + "/keep", h, null, false);
        assertThat(r.status()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("InvalidAccessKeyId");
    }

    @Test
    void anExpiredPresignedUrlIsRefused() throws IOException {
        Clock hourAgo = Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC);
        URI url = RawHttp.presign("GET", uri("/" + BUCKET + "/keep"), NodeFixtures.ACCESS_KEY, NodeFixtures.SECRET, hourAgo,
                Duration.ofMinutes(5));
        RawHttp.Reply r = RawHttp.send(node.port(), "GET", url.getRawPath() + "?" + url.getRawQuery(),
                Map.of("Host", List.of("127.0.0.1:" + node.port())), null, false);
        assertThat(r.status()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("AccessDenied");
        assertThat(r.body()).contains("Request has expired");
    }

    @Test
    void aSkewedClockIsRefused() throws IOException {
        byte[] body = "skewed".getBytes(StandardCharsets.UTF_8);
        Clock skewed = Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);
        Map<String, List<String>> h = RawHttp.sign("PUT", uri("/" + BUCKET + "/skewed"), body, NodeFixtures.ACCESS_KEY,
                NodeFixtures.SECRET, skewed, Map.of());
        RawHttp.Reply r = RawHttp.send(node.port(), "PUT", "/" + BUCKET + "/skewed", with(h, "Content-Length", "6"), body, false);
        assertThat(r.status()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("RequestTimeTooSkewed");
        assertNothingLeftBehind("skewed");
    }

    @Test
    void oversizedHeadersAreRefused() throws IOException {
        Map<String, List<String>> h = with(signed("GET", "/" + BUCKET + "/keep", new byte[0], Map.of()), "x-amz-meta-huge", "x".repeat(40_000));
        RawHttp.Reply r = RawHttp.send(node.port(), "GET", "/" + BUCKET + "/keep", h, null, false);
        assertThat(r.status()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("RequestHeaderSectionTooLarge");
    }

    @Test
    void invalidBucketNamesAreRefused() throws IOException {
        for (String bucket : List.of("UPPER", "a", "..", "has_underscore", "192.168.0.1")) {
            String path = "/" + bucket;
            RawHttp.Reply r = RawHttp.send(node.port(), "PUT", path, with(signed("PUT", path, new byte[0], Map.of()), "Content-Length", "0"),
                    new byte[0], false);
            assertThat(code(r)).as(bucket).isEqualTo("InvalidBucketName");
        }
        assertThat(Files.exists(dataDir.resolve("buckets").resolve("UPPER"))).isFalse();
    }

    @Test
    void traversalKeysStayInsideTheirBucket() throws IOException {
        String path = "/" + BUCKET + "/../../../escaped";
        byte[] body = "inside".getBytes(StandardCharsets.UTF_8);
        RawHttp.Reply r = RawHttp.send(node.port(), "PUT", path, with(signed("PUT", path, body, Map.of()), "Content-Length", "6"), body, false);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("../../../escaped")).asUtf8String()).isEqualTo("inside");
        try (Stream<Path> all = Files.walk(dataDir.getParent(), 1)) {
            assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("escaped");
        }
        try (Stream<Path> all = Files.walk(dataDir)) {
            assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("escaped");
        }
    }

    @Test
    void aTruncatedBodyTimesOutAndStoresNothing() throws IOException {
        byte[] full = new byte[1000];
        Map<String, List<String>> h = with(signed("PUT", "/" + BUCKET + "/truncated", null, Map.of()), "Content-Length", "1000");
        RawHttp.Reply r = RawHttp.send(node.port(), "PUT", "/" + BUCKET + "/truncated", h, java.util.Arrays.copyOf(full, 500), false);
        assertThat(r.status()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("RequestTimeout");
        assertNothingLeftBehind("truncated");
    }

    @Test
    void aBodyCutByADisconnectStoresNothing() throws IOException {
        Map<String, List<String>> h = with(signed("PUT", "/" + BUCKET + "/disconnected", null, Map.of()), "Content-Length", "100000");
        RawHttp.Reply r = RawHttp.send(node.port(), "PUT", "/" + BUCKET + "/disconnected", h, new byte[30_000], true);
        assertThat(r.status()).isIn(-1, 400, 500);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertNothingLeftBehind("disconnected"));
    }

    @Test
    void aWrongContentLengthFailsTheDigestAndStoresNothing() throws Exception {
        byte[] body = "twenty bytes of body".getBytes(StandardCharsets.UTF_8);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        Map<String, List<String>> h = with(with(signed("PUT", "/" + BUCKET + "/short-length", null, Map.of()),
                "Content-Length", "10"), "Content-MD5", md5);
        RawHttp.Reply r = RawHttp.send(node.port(), "PUT", "/" + BUCKET + "/short-length", h, body, false);
        assertThat(r.status()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("BadDigest");
        assertNothingLeftBehind("short-length");
    }

    @Test
    void aPayloadHashThatDoesNotMatchTheBodyIsRefused() throws IOException {
        byte[] signedBody = "what was signed".getBytes(StandardCharsets.UTF_8);
        byte[] sentBody = "what was sent!!".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> h = with(signed("PUT", "/" + BUCKET + "/swapped", signedBody, Map.of()), "Content-Length",
                Integer.toString(sentBody.length));
        RawHttp.Reply r = RawHttp.send(node.port(), "PUT", "/" + BUCKET + "/swapped", h, sentBody, false);
        assertThat(r.status()).isEqualTo(400);
        assertThat(code(r)).isEqualTo("XAmzContentSHA256Mismatch");
        assertNothingLeftBehind("swapped");
    }

    @Test
    void anUnsignedRequestIsRefused() throws IOException {
        RawHttp.Reply r = RawHttp.send(node.port(), "GET", "/" + BUCKET + "/keep", Map.of("Host", List.of("127.0.0.1")), null, false);
        assertThat(r.status()).isEqualTo(403);
        assertThat(code(r)).isEqualTo("AccessDenied");
    }

    @Test
    void aMissingContentLengthIsRefused() throws IOException {
        Map<String, List<String>> h = with(signed("PUT", "/" + BUCKET + "/chunked", null, Map.of()), "Transfer-Encoding", "chunked");
        RawHttp.Reply r = RawHttp.send(node.port(), "PUT", "/" + BUCKET + "/chunked", h, "5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false);
        assertThat(r.status()).isEqualTo(411);
        assertThat(code(r)).isEqualTo("MissingContentLength");
        assertNothingLeftBehind("chunked");
    }
}
