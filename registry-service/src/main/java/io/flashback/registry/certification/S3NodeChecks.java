package io.flashback.registry.certification;

import io.flashback.registry.RegistryProperties;
import io.flashback.security.node.NodeAddressPolicy;
import io.flashback.security.node.NodeAddressRefused;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * The certification checks with the AWS SDK v2 in its default configuration (SigV4, the checksums it sends by
 * default), the way consumers' programs will talk to the node: the test key honoured; put, get, list, multipart
 * (two parts, {@code md5-of-md5s-2} ETag) and delete round trips with the content compared byte for byte; a request
 * signed with the wrong secret and an anonymous one refused; the median latency of small GETs and the upload and
 * download throughput of a larger object measured against the configured floors. Both clients connect only where the
 * {@link NodeAddressPolicy} allows, resolving the node's name and checking its addresses as each connection is opened
 * (#13 M1), and neither follows redirects.
 */
@Component
class S3NodeChecks implements NodeChecks {

    private static final Logger log = LoggerFactory.getLogger(S3NodeChecks.class);
    private static final int SMALL_BYTES = 4096;
    private static final int PART_BYTES = 5 * 1024 * 1024;
    private static final int LAST_PART_BYTES = 1024 * 1024;

    private final RegistryProperties.Certification rules;
    private final SdkHttpClient http;
    private final CloseableHttpClient plainHttp;
    private final Random random = new SecureRandom();

    S3NodeChecks(RegistryProperties properties, NodeAddressPolicy addresses) {
        this.rules = properties.certification();
        this.http = ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(rules.requestTimeout())
                .maxConnections(4).dnsResolver(addresses::resolve).build();
        int timeout = (int) rules.requestTimeout().toMillis();
        this.plainHttp = HttpClients.custom().setDnsResolver(addresses::resolve).disableRedirectHandling().disableAutomaticRetries()
                .disableCookieManagement().setMaxConnTotal(4).setMaxConnPerRoute(4)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(5000).setSocketTimeout(timeout)
                        .setConnectionRequestTimeout(timeout).setRedirectsEnabled(false).build())
                .build();
    }

    @Override
    public Report run(URI endpoint, TestCredentials credentials) {
        List<CheckResult> checks = new ArrayList<>();
        try (S3Client s3 = client(endpoint, credentials.accessKeyId(), credentials.secretAccessKey());
             S3Client forged = client(endpoint, credentials.accessKeyId(), forgedSecret(credentials.secretAccessKey()))) {
            CheckResult honoured = awaitCredentials(s3, credentials);
            checks.add(honoured);
            if (!honoured.passed()) {
                return new Report(checks, null, 0, 0);
            }
            String bucket = credentials.bucket();
            byte[] small = bytes(SMALL_BYTES);
            checks.add(check("put", () -> {
                PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("certification/small").contentType("application/octet-stream"),
                        RequestBody.fromBytes(small));
                String expected = "\"" + HexFormat.of().formatHex(digest("MD5", small)) + "\"";
                return put.eTag().equals(expected) ? pass("put", "4 KiB object stored, ETag " + put.eTag())
                        : fail("put", "ETag " + put.eTag() + " is not the MD5 of the content " + expected);
            }));
            checks.add(check("get", () -> {
                ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("certification/small"));
                return Arrays.equals(got.asByteArray(), small) ? pass("get", "4 KiB object read back intact")
                        : fail("get", "the object read back differs from what was stored (" + got.asByteArray().length + " bytes)");
            }));
            checks.add(check("list", () -> {
                ListObjectsV2Response listed = s3.listObjectsV2(b -> b.bucket(bucket).prefix("certification/"));
                return listed.contents().stream().map(S3Object::key).anyMatch("certification/small"::equals)
                        ? pass("list", "ListObjectsV2 lists the stored object")
                        : fail("list", "ListObjectsV2 with prefix certification/ does not list certification/small (" + listed.keyCount() + " keys)");
            }));
            checks.add(check("multipart", () -> multipart(s3, bucket)));
            checks.add(check("bad-signature", () -> badSignature(forged, bucket)));
            checks.add(check("anonymous", () -> anonymous(endpoint, bucket)));
            Duration[] latency = new Duration[1];
            checks.add(check("latency", () -> {
                latency[0] = medianLatency(s3, bucket);
                boolean within = latency[0].compareTo(rules.maxLatency()) <= 0;
                return CheckResult.measured("latency", within, "median of " + rules.latencySamples() + " GETs of 4 KiB: " + latency[0].toMillis()
                        + " ms" + (within ? "" : ", above the " + rules.maxLatency().toMillis() + " ms allowed"), latency[0].toNanos() / 1e6, "ms");
            }));
            long[] throughput = new long[2];
            byte[] large = bytes(rules.throughputBytes());
            checks.add(check("upload-throughput", () -> {
                long started = System.nanoTime();
                s3.putObject(b -> b.bucket(bucket).key("certification/large"), RequestBody.fromBytes(large));
                throughput[0] = perSecond(large.length, System.nanoTime() - started);
                return floor("upload-throughput", throughput[0], large.length);
            }));
            checks.add(check("download-throughput", () -> {
                long started = System.nanoTime();
                byte[] read = s3.getObjectAsBytes(b -> b.bucket(bucket).key("certification/large")).asByteArray();
                throughput[1] = perSecond(read.length, System.nanoTime() - started);
                if (!Arrays.equals(read, large)) {
                    return fail("download-throughput", "the large object read back differs from what was stored");
                }
                return floor("download-throughput", throughput[1], read.length);
            }));
            checks.add(check("delete", () -> delete(s3, bucket)));
            return new Report(checks, latency[0], throughput[0], throughput[1]);
        }
    }

    /** Until the node's grant sync has brought the run's key (and its bucket), the node answers 403 or 404. */
    private CheckResult awaitCredentials(S3Client s3, TestCredentials credentials) {
        long deadline = System.nanoTime() + rules.credentialWait().toNanos();
        String last = "no answer yet";
        while (true) {
            try {
                s3.headBucket(b -> b.bucket(credentials.bucket()));
                return pass("credentials", "the node honoured the platform's test key " + credentials.accessKeyId());
            } catch (S3Exception e) {
                last = "HTTP " + e.statusCode() + (e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                        : " " + e.awsErrorDetails().errorCode());
            } catch (SdkClientException e) {
                Optional<NodeAddressRefused> refused = refusal(e);
                if (refused.isPresent()) {
                    return fail("credentials", "not connected: " + refused.get().getMessage());
                }
                last = "not reachable: " + e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                return fail("credentials", "the node did not honour the platform's test key within " + rules.credentialWait().toSeconds()
                        + " s (last answer: " + last + "); it must be claimed, online and syncing grants from the platform");
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("credentials", "the run was interrupted");
            }
        }
    }

    /** A refused address does not change while the run waits: it ends the run at once, with the reason. */
    private static Optional<NodeAddressRefused> refusal(Throwable error) {
        for (Throwable cause = error; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof NodeAddressRefused refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    private CheckResult multipart(S3Client s3, String bucket) {
        String key = "certification/multipart";
        byte[] first = bytes(PART_BYTES);
        byte[] second = bytes(LAST_PART_BYTES);
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        String firstTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(1), RequestBody.fromBytes(first)).eTag();
        String secondTag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(2), RequestBody.fromBytes(second)).eTag();
        String eTag = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload).multipartUpload(CompletedMultipartUpload.builder()
                .parts(CompletedPart.builder().partNumber(1).eTag(firstTag).build(), CompletedPart.builder().partNumber(2).eTag(secondTag).build())
                .build())).eTag();
        String expected = "\"" + HexFormat.of().formatHex(digest("MD5", concat(digest("MD5", first), digest("MD5", second)))) + "-2\"";
        if (!expected.equals(eTag)) {
            return fail("multipart", "completed upload has ETag " + eTag + ", not the md5-of-md5s " + expected);
        }
        byte[] read = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        return Arrays.equals(read, concat(first, second)) ? pass("multipart", "two-part upload (6 MiB) completed and read back intact, ETag " + eTag)
                : fail("multipart", "the completed object read back differs from its parts (" + read.length + " bytes)");
    }

    private static CheckResult badSignature(S3Client forged, String bucket) {
        try {
            forged.listObjectsV2(b -> b.bucket(bucket));
            return fail("bad-signature", "the node accepted a request signed with the wrong secret");
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 403 && "SignatureDoesNotMatch".equals(code)) {
                return pass("bad-signature", "a request signed with the wrong secret was refused: 403 SignatureDoesNotMatch");
            }
            return fail("bad-signature", "a request signed with the wrong secret got HTTP " + e.statusCode() + " " + code
                    + " instead of 403 SignatureDoesNotMatch");
        }
    }

    private CheckResult anonymous(URI endpoint, String bucket) throws IOException {
        try (CloseableHttpResponse answer = plainHttp.execute(new HttpGet(endpoint.resolve("/" + bucket + "?list-type=2")))) {
            int status = answer.getStatusLine().getStatusCode();
            return status == 403 ? pass("anonymous", "an unsigned listing of the bucket was refused: 403")
                    : fail("anonymous", "an unsigned listing of the bucket got HTTP " + status + " instead of 403");
        }
    }

    private Duration medianLatency(S3Client s3, String bucket) {
        long[] nanos = new long[rules.latencySamples()];
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            s3.getObjectAsBytes(b -> b.bucket(bucket).key("certification/small"));
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return Duration.ofNanos(nanos[nanos.length / 2]);
    }

    private CheckResult floor(String check, long bytesPerSecond, int size) {
        boolean enough = bytesPerSecond >= rules.minThroughput();
        return CheckResult.measured(check, enough, String.format(Locale.ROOT, "%.1f MB/s over %d MiB%s", bytesPerSecond / 1e6, size >> 20,
                enough ? "" : String.format(Locale.ROOT, ", below the %.2f MB/s required", rules.minThroughput() / 1e6)), bytesPerSecond, "bytes/s");
    }

    private static CheckResult delete(S3Client s3, String bucket) {
        List<String> keys = s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        for (String key : keys) {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
        try {
            s3.headObject(b -> b.bucket(bucket).key("certification/small"));
            return fail("delete", "certification/small is still there after DeleteObject");
        } catch (NoSuchKeyException e) {
            // gone, as it should be
        } catch (S3Exception e) {
            if (e.statusCode() != 404) throw e;
        }
        s3.deleteBucket(b -> b.bucket(bucket));
        return pass("delete", keys.size() + " objects and the bucket deleted");
    }

    private interface Check {
        CheckResult run() throws Exception;
    }

    /** A check's failure is its result, worded for the provider; nothing a node answers escapes as an exception. */
    private static CheckResult check(String name, Check check) {
        try {
            return check.run();
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            return fail(name, "the node answered HTTP " + e.statusCode() + (code == null ? "" : " " + code));
        } catch (SdkClientException e) {
            return fail(name, "no usable answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(name, "the run was interrupted");
        } catch (Exception e) {
            log.debug("certification check {} failed", name, e);
            return fail(name, "failed: " + e);
        }
    }

    private S3Client client(URI endpoint, String accessKeyId, String secret) {
        return S3Client.builder()
                .httpClient(http)
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .overrideConfiguration(configuration -> configuration.apiCallTimeout(rules.requestTimeout())
                        .retryStrategy(noRetries()))
                .build();
    }

    private static RetryStrategy noRetries() {
        return AwsRetryStrategy.doNotRetry();
    }

    /** The secret with its last character changed: the signature is then wrong and nothing else is. */
    private static String forgedSecret(String secret) {
        char last = secret.charAt(secret.length() - 1);
        return secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static long perSecond(long bytes, long nanos) {
        return nanos <= 0 ? Long.MAX_VALUE : (long) (bytes * 1e9 / nanos);
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static CheckResult pass(String check, String detail) {
        return CheckResult.passed(check, detail);
    }

    private static CheckResult fail(String check, String detail) {
        return CheckResult.failed(check, detail);
    }
}
