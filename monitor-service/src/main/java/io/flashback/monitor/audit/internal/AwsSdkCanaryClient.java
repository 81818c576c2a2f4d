package io.flashback.monitor.audit.internal;

import io.flashback.monitor.audit.CanaryAccess;
import io.flashback.monitor.audit.CanaryAnswer;
import io.flashback.monitor.audit.CanaryClient;
import io.flashback.monitor.audit.RangeChallenge;
import io.flashback.security.node.NodeAddressPolicy;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CanaryClient} on the AWS SDK v2, the client consumers use: path-style requests (a node's
 * endpoint has no bucket subdomains), SigV4 in {@code us-east-1} (the bridge node takes the region
 * from the credential scope), no retries (a probe measures one attempt) and no extra checksums beyond
 * what S3 requires (so a range answer is judged by the audit, not rejected by the SDK).
 */
final class AwsSdkCanaryClient implements CanaryClient, AutoCloseable {

    private static final Set<String> BUCKET_ALREADY_THERE = Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists");

    private record ClientKey(URI endpoint, String accessKeyId, int secretHash, Duration timeout) {
    }

    private final SdkHttpClient http;
    private final Map<ClientKey, S3Client> clients = new ConcurrentHashMap<>();

    /** Connections go only where {@code addresses} allows, checked when each connection is opened (#13 M1). */
    AwsSdkCanaryClient(Duration timeout, NodeAddressPolicy addresses) {
        this.http = ApacheHttpClient.builder()
                .dnsResolver(addresses::resolve)
                .connectionTimeout(timeout)
                .socketTimeout(timeout)
                .maxConnections(16)
                .build();
    }

    @Override
    public CanaryAnswer ensureBucket(URI endpoint, CanaryAccess access, Duration timeout) {
        S3Client s3 = client(endpoint, access, timeout);
        return call(() -> {
            long started = System.nanoTime();
            try {
                s3.headBucket(request -> request.bucket(access.bucket()));
                return new CanaryAnswer.Stored(since(started));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
            try {
                s3.createBucket(request -> request.bucket(access.bucket()));
            } catch (S3Exception e) {
                if (!BUCKET_ALREADY_THERE.contains(code(e))) {
                    throw e;
                }
            }
            return new CanaryAnswer.Stored(since(started));
        });
    }

    @Override
    public CanaryAnswer put(URI endpoint, CanaryAccess access, String key, byte[] content, Duration timeout) {
        S3Client s3 = client(endpoint, access, timeout);
        return call(() -> {
            long started = System.nanoTime();
            s3.putObject(request -> request.bucket(access.bucket()).key(key).contentLength((long) content.length)
                    .contentType("application/octet-stream"), RequestBody.fromBytes(content));
            return new CanaryAnswer.Stored(since(started));
        });
    }

    @Override
    public CanaryAnswer get(URI endpoint, CanaryAccess access, String key, Duration timeout) {
        S3Client s3 = client(endpoint, access, timeout);
        return call(() -> {
            long started = System.nanoTime();
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request -> request.bucket(access.bucket()).key(key))) {
                // getObject returns once the status line and headers are in: that is the first byte
                Duration firstByte = since(started);
                byte[] bytes = in.readAllBytes();
                return new CanaryAnswer.Read(bytes, firstByte, since(started));
            }
        });
    }

    @Override
    public CanaryAnswer getRange(URI endpoint, CanaryAccess access, String key, RangeChallenge range, Duration timeout) {
        S3Client s3 = client(endpoint, access, timeout);
        return call(() -> {
            long started = System.nanoTime();
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request -> request.bucket(access.bucket()).key(key)
                    .range(range.toString()))) {
                Duration firstByte = since(started);
                // one byte more than asked is enough to see a node that ignores the range and sends everything
                byte[] bytes = in.readNBytes((int) range.length() + 1);
                if (in.read() >= 0) {
                    in.abort();
                }
                return new CanaryAnswer.Read(bytes, firstByte, since(started));
            }
        });
    }

    private static CanaryAnswer call(IoCall call) {
        long started = System.nanoTime();
        try {
            return call.run();
        } catch (S3Exception e) {
            int status = e.statusCode();
            if (status == 404) {
                return new CanaryAnswer.Missing(code(e), since(started));
            }
            if (status >= 400 && status < 500) {
                return new CanaryAnswer.Refused(status, code(e), since(started));
            }
            return new CanaryAnswer.Failed(status, code(e), since(started));
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            return new CanaryAnswer.TimedOut(since(started));
        } catch (SdkException e) {
            return timedOut(e) ? new CanaryAnswer.TimedOut(since(started)) : new CanaryAnswer.Failed(0, describe(e), since(started));
        } catch (IOException e) {
            return timedOut(e) ? new CanaryAnswer.TimedOut(since(started)) : new CanaryAnswer.Failed(0, describe(e), since(started));
        }
    }

    private static boolean timedOut(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String code(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? "HTTP " + e.statusCode() : code;
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private S3Client client(URI endpoint, CanaryAccess access, Duration timeout) {
        ClientKey key = new ClientKey(endpoint, access.credentials().accessKeyId(), access.credentials().secretAccessKey().hashCode(), timeout);
        return clients.computeIfAbsent(key, ignored -> S3Client.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        access.credentials().accessKeyId(), access.credentials().secretAccessKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(configuration -> configuration
                        .apiCallTimeout(timeout)
                        .apiCallAttemptTimeout(timeout)
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build());
    }

    @Override
    public void close() {
        clients.values().forEach(S3Client::close);
        clients.clear();
        http.close();
    }

    @FunctionalInterface
    private interface IoCall {
        CanaryAnswer run() throws IOException;
    }

    @Override
    public String toString() {
        return "AwsSdkCanaryClient[" + clients.size() + " node clients]";
    }
}
