package io.flashback.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashback.bridge.node.BridgeNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Every x-amz-* header a request carries must be signed, as AWS requires
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html): whoever holds a
 * presigned URL cannot change what it does by adding one (issue #13, M2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnsignedAmzHeadersAreRefusedIT {
    private BridgeNode node;
    private S3Client s3;
    private S3Presigner presigner;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        node = NodeFixtures.filesystemNode();
        s3 = NodeFixtures.client(node.endpoint());
        presigner = NodeFixtures.presigner(node.endpoint());
        s3.createBucket(b -> b.bucket("it-unsigned"));
        s3.putObject(b -> b.bucket("it-unsigned").key("private/secret.txt"), RequestBody.fromString("private bytes"));
    }

    @AfterAll
    void stop() {
        presigner.close();
        s3.close();
        node.close();
    }

    @Test // #13 M2
    void aPresignedPutWithAnAddedCopySourceIsRefusedAndCopiesNothing() throws Exception {
        URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket("it-unsigned").key("public/upload.txt"))).url().toURI();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(put)
                        .header("x-amz-copy-source", "it-unsigned/private/secret.txt")
                        .PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<Code>AccessDenied</Code>")
                .contains("There were headers present in the request which were not signed: x-amz-copy-source")
                .contains("<HeadersNotSigned>x-amz-copy-source</HeadersNotSigned>");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("it-unsigned").key("public/upload.txt")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test // #13 M2
    void aPresignedPutWithAnAddedMetadataHeaderIsRefusedAndTheSameUrlWorksWithoutIt() throws Exception {
        URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket("it-unsigned").key("public/plain.txt"))).url().toURI();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(put).header("x-amz-meta-owner", "mallory")
                .PUT(HttpRequest.BodyPublishers.ofString("bytes")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<HeadersNotSigned>x-amz-meta-owner</HeadersNotSigned>");
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("bytes")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(s3.headObject(b -> b.bucket("it-unsigned").key("public/plain.txt")).metadata()).doesNotContainKey("owner");
    }
}
