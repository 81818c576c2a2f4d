package io.flashback.bridge.it;

import io.flashback.bridge.grants.Access;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.node.BridgeNode;
import io.flashback.bridge.node.NodeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Nodes and clients for the integration tests. */
public final class NodeFixtures {
    public static final String ACCESS_KEY = "AKIDFLASHBACKTEST";
    public static final String SECRET = "flashback/test/secret/key/0123456789abcdef";
    public static final String READ_ONLY_KEY = "AKIDREADONLY";
    public static final String SMALL_QUOTA_KEY = "AKIDSMALLQUOTA";
    public static final String OTHER_OWNER_KEY = "AKIDOTHEROWNER";

    private NodeFixtures() {}

    public static List<Grant> grants() {
        return List.of(
                new Grant(ACCESS_KEY, SECRET, "tester", List.of("it-*", "shared"), 50L << 30, Access.READ_WRITE),
                new Grant(READ_ONLY_KEY, SECRET, "reader", List.of("shared"), 0, Access.READ),
                new Grant(SMALL_QUOTA_KEY, SECRET, "small", List.of("quota-*"), 100_000, Access.READ_WRITE),
                new Grant(OTHER_OWNER_KEY, SECRET, "other", List.of("quota-*"), 100_000, Access.READ_WRITE));
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BridgeNode filesystemNode() {
        return BridgeNode.start(NodeConfig.filesystem(0, 0, tempDir("bridge-it"), grants()).withBodyTimeout(Duration.ofSeconds(5)));
    }

    public static S3Client client(String endpoint, String accessKey) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, SECRET)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    public static S3Client client(String endpoint) {
        return client(endpoint, ACCESS_KEY);
    }

    public static S3AsyncClient asyncClient(String endpoint, boolean multipart) {
        return S3AsyncClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                .forcePathStyle(true)
                .multipartEnabled(multipart)
                .build();
    }

    public static S3Presigner presigner(String endpoint) {
        return S3Presigner.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }
}
