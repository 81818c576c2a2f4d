package io.flashback.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashback.bridge.node.BridgeNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;

/**
 * aws-chunked bodies exactly as the AWS SDK's own signer frames them: STREAMING-UNSIGNED-PAYLOAD-TRAILER
 * and STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER with a CRC32 trailer; and virtual-hosted-style addressing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingPayloadIT {
    private BridgeNode node;
    private S3Client s3;

    @BeforeAll
    void start() {
        node = NodeFixtures.filesystemNode();
        s3 = NodeFixtures.client(node.endpoint());
        s3.createBucket(b -> b.bucket("it-streaming"));
    }

    @AfterAll
    void stop() {
        s3.close();
        node.close();
    }

    private RawHttp.Reply upload(String key, byte[] data, boolean signedChunks) throws IOException {
        URI uri = URI.create(node.endpoint() + "/it-streaming/" + key);
        // the SDK signs unsigned payloads only over https; the scheme is not part of the signature
        URI signedUri = signedChunks ? uri : URI.create(uri.toString().replace("http://", "https://"));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(NodeFixtures.ACCESS_KEY, NodeFixtures.SECRET))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(signedUri)
                        .putHeader("Content-Length", Integer.toString(data.length)).build())
                .payload(ContentStreamProvider.fromByteArray(data))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signedChunks)
                .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, software.amazon.awssdk.checksums.spi.ChecksumAlgorithm.class.cast(
                        software.amazon.awssdk.checksums.DefaultChecksumAlgorithm.CRC32)));
        byte[] body;
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new HashMap<>(signed.request().headers());
        headers.put("Content-Length", List.of(Integer.toString(body.length)));
        assertThat(headers.get("x-amz-content-sha256").get(0))
                .isEqualTo(signedChunks ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" : "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        return RawHttp.send(node.port(), "PUT", uri.getRawPath(), headers, body, false);
    }

    @Test
    void acceptsUnsignedChunksWithAChecksumTrailer() throws IOException {
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        RawHttp.Reply r = upload("unsigned-trailer", data, false);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.headers()).containsKey("x-amz-checksum-crc32");
        assertThat(s3.getObjectAsBytes(b -> b.bucket("it-streaming").key("unsigned-trailer")).asByteArray()).isEqualTo(data);
        assertThat(s3.getObject(b -> b.bucket("it-streaming").key("unsigned-trailer").checksumMode(ChecksumMode.ENABLED))
                .response().checksumCRC32()).isEqualTo(r.headers().get("x-amz-checksum-crc32"));
    }

    @Test
    void acceptsSignedChunksWithASignedChecksumTrailer() throws IOException {
        byte[] data = new byte[200_001];
        new Random(2).nextBytes(data);
        RawHttp.Reply r = upload("signed-trailer", data, true);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("it-streaming").key("signed-trailer")).asByteArray()).isEqualTo(data);
    }

    @Test
    void addressesTheBucketFromTheHostInVirtualHostedStyle() throws IOException {
        s3.putObject(b -> b.bucket("it-streaming").key("vhost/key.txt"), RequestBody.fromString("virtual"));
        URI uri = URI.create("http://it-streaming.localhost:" + node.port() + "/vhost/key.txt");
        Map<String, List<String>> h = RawHttp.sign("GET", uri, new byte[0], NodeFixtures.ACCESS_KEY, NodeFixtures.SECRET,
                java.time.Clock.systemUTC(), Map.of());
        RawHttp.Reply r = RawHttp.send(node.port(), "GET", "/vhost/key.txt", h, null, false);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("virtual");
        assertThat(Arrays.asList(h.get("Host").get(0).split(":"))).first().isEqualTo("it-streaming.localhost");
    }
}
