package io.flashback.bridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashback.bridge.grants.Access;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.grants.Grants;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SigV4 against the values AWS publishes:
 * - S3 examples: https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html (GET Object with Range),
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html (presigned GET),
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html (chunked PUT),
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html (chunked PUT with trailer);
 * - the generic SigV4 test suite (aws-sig-v4-test-suite: get-vanilla, get-vanilla-query-order-key-case).
 */
class SigV4PublishedVectorsTest {
    static final String S3_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String S3_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Clock MAY_24_2013 = Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC);

    final Grants grants = new Grants(List.of(new Grant(S3_KEY, S3_SECRET, "owner", List.of("examplebucket"), 1L << 30, Access.READ_WRITE)));

    static SignedRequest request(String method, String path, String query, Map<String, String> headers) {
        List<Map.Entry<String, String>> q = new ArrayList<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                q.add(Map.entry(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
            }
        }
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return new SignedRequest(method, path, q, new SignedRequest.Headers() {
            @Override
            public List<String> all(String name) {
                return lower.containsKey(name) ? List.of(lower.get(name)) : List.of();
            }

            @Override
            public Iterable<String> names() {
                return lower.keySet();
            }
        });
    }

    @Test
    void acceptsTheGetObjectWithRangeExample() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "examplebucket.s3.amazonaws.com");
        h.put("Range", "bytes=0-9");
        h.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        h.put("x-amz-date", "20130524T000000Z");
        h.put("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        Authentication auth = new SigV4Authenticator(grants, MAY_24_2013).authenticate(request("GET", "/test.txt", "", h));
        assertThat(auth.grant().accessKey()).isEqualTo(S3_KEY);
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.SIGNED);
    }

    @Test // #13 M2
    void rejectsTheGetObjectExampleWithAnAddedUnsignedAmzHeaderNamingIt() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "examplebucket.s3.amazonaws.com");
        h.put("Range", "bytes=0-9");
        h.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        h.put("x-amz-date", "20130524T000000Z");
        h.put("X-Amz-Copy-Source", "examplebucket/other.txt");
        h.put("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertThatThrownBy(() -> new SigV4Authenticator(grants, MAY_24_2013).authenticate(request("GET", "/test.txt", "", h)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED);
                    assertThat(e.getMessage()).contains("not signed: x-amz-copy-source");
                    assertThat(e.details()).containsEntry("HeadersNotSigned", "x-amz-copy-source");
                });
    }

    @Test // #13 M2
    void rejectsThePresignedGetExampleWithAnAddedAmzHeader() {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "examplebucket.s3.amazonaws.com");
        h.put("x-amz-copy-source", "examplebucket/other.txt");
        assertThatThrownBy(() -> new SigV4Authenticator(grants, MAY_24_2013).authenticate(request("GET", "/test.txt", query, h)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.details()).containsEntry("HeadersNotSigned", "x-amz-copy-source"));
    }

    @Test
    void rejectsTheGetObjectExampleWithOneSignatureDigitChangedAndShowsTheStringToSign() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "examplebucket.s3.amazonaws.com");
        h.put("Range", "bytes=0-9");
        h.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        h.put("x-amz-date", "20130524T000000Z");
        h.put("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb40");
        assertThatThrownBy(() -> new SigV4Authenticator(grants, MAY_24_2013).authenticate(request("GET", "/test.txt", "", h)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
                    // the documented StringToSign of this example
                    assertThat(e.details().get("StringToSign")).isEqualTo("AWS4-HMAC-SHA256\n20130524T000000Z\n"
                            + "20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
                });
    }

    @Test
    void acceptsThePresignedUrlExampleUntilItExpires() {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        SignedRequest req = request("GET", "/test.txt", query, Map.of("Host", "examplebucket.s3.amazonaws.com"));
        assertThat(new SigV4Authenticator(grants, MAY_24_2013).authenticate(req).payloadMode()).isEqualTo(PayloadMode.UNSIGNED);

        Clock dayLater = Clock.fixed(Instant.parse("2013-05-25T00:00:01Z"), ZoneOffset.UTC);
        assertThatThrownBy(() -> new SigV4Authenticator(grants, dayLater).authenticate(req))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.code()).isEqualTo(S3ErrorCode.ACCESS_DENIED);
                    assertThat(e.getMessage()).isEqualTo("Request has expired");
                });
    }

    @Test
    void rejectsARequestSignedSixteenMinutesAgo() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "examplebucket.s3.amazonaws.com");
        h.put("Range", "bytes=0-9");
        h.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        h.put("x-amz-date", "20130524T000000Z");
        h.put("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        Clock later = Clock.fixed(Instant.parse("2013-05-24T00:16:00Z"), ZoneOffset.UTC);
        assertThatThrownBy(() -> new SigV4Authenticator(grants, later).authenticate(request("GET", "/test.txt", "", h)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.REQUEST_TIME_TOO_SKEWED));
    }

    static Map<String, String> chunkedHeaders(String payloadMode, String signedHeaders, String seed, String length, boolean trailer) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "s3.amazonaws.com");
        h.put("x-amz-date", "20130524T000000Z");
        h.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
        h.put("x-amz-content-sha256", payloadMode);
        h.put("Content-Encoding", "aws-chunked");
        h.put("x-amz-decoded-content-length", "66560");
        h.put("Content-Length", length);
        if (trailer) h.put("x-amz-trailer", "x-amz-checksum-crc32c");
        h.put("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=" + signedHeaders + ",Signature=" + seed);
        return h;
    }

    static byte[] chunkedBody(String[] signatures, String trailers) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] a64k = new byte[65536];
        Arrays.fill(a64k, (byte) 'a');
        body.writeBytes(("10000;chunk-signature=" + signatures[0] + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(a64k);
        body.writeBytes(("\r\n400;chunk-signature=" + signatures[1] + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(Arrays.copyOf(a64k, 1024));
        body.writeBytes(("\r\n0;chunk-signature=" + signatures[2] + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(trailers.getBytes(StandardCharsets.US_ASCII));
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    static final String[] STREAMING_SIGNATURES = {
            "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
            "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
            "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"};

    @Test
    void decodesTheChunkedUploadExampleVerifyingEveryChunkSignature() throws Exception {
        byte[] body = chunkedBody(STREAMING_SIGNATURES, "");
        assertThat(body).hasSize(66824); // the documented Content-Length
        Map<String, String> h = chunkedHeaders(SigV4.STREAMING_SIGNED,
                "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class",
                "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", "66824", false);
        Authentication auth = new SigV4Authenticator(grants, MAY_24_2013).authenticate(request("PUT", "/examplebucket/chunkObject.txt", "", h));
        assertThat(auth.payloadMode()).isEqualTo(PayloadMode.STREAMING_SIGNED);
        byte[] decoded = new AwsChunkedInputStream(new ByteArrayInputStream(body), auth.streaming(), false).readAllBytes();
        assertThat(decoded).hasSize(66560).containsOnly((byte) 'a');
    }

    @Test
    void rejectsTheChunkedUploadExampleWhenAChunkIsTamperedWith() throws Exception {
        byte[] body = chunkedBody(STREAMING_SIGNATURES, "");
        body[100] = 'b';
        Map<String, String> h = chunkedHeaders(SigV4.STREAMING_SIGNED,
                "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class",
                "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", "66824", false);
        Authentication auth = new SigV4Authenticator(grants, MAY_24_2013).authenticate(request("PUT", "/examplebucket/chunkObject.txt", "", h));
        InputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body), auth.streaming(), false);
        assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH));
    }

    @Test
    void decodesTheChunkedUploadWithTrailerExampleVerifyingTheTrailerSignature() throws Exception {
        String[] sigs = {
                "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
                "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
                "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"};
        String trailers = "x-amz-checksum-crc32c:sOO8/Q==\r\n"
                + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n";
        byte[] body = chunkedBody(sigs, trailers);
        Map<String, String> h = chunkedHeaders(SigV4.STREAMING_SIGNED_TRAILER,
                "content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer",
                "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e", Integer.toString(body.length), true);
        Authentication auth = new SigV4Authenticator(grants, MAY_24_2013).authenticate(request("PUT", "/examplebucket/chunkObject.txt", "", h));
        AwsChunkedInputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body), auth.streaming(), true);
        assertThat(in.readAllBytes()).hasSize(66560);
        assertThat(in.trailers()).containsEntry("x-amz-checksum-crc32c", "sOO8/Q==");
    }

    @Test
    void rejectsATrailerWhoseValueWasChanged() {
        String[] sigs = {
                "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
                "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
                "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"};
        String trailers = "x-amz-checksum-crc32c:AAAAAA==\r\n"
                + "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n";
        byte[] body = chunkedBody(sigs, trailers);
        Map<String, String> h = chunkedHeaders(SigV4.STREAMING_SIGNED_TRAILER,
                "content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer",
                "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e", Integer.toString(body.length), true);
        Authentication auth = new SigV4Authenticator(grants, MAY_24_2013).authenticate(request("PUT", "/examplebucket/chunkObject.txt", "", h));
        InputStream in = new AwsChunkedInputStream(new ByteArrayInputStream(body), auth.streaming(), true);
        assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(S3Exception.class,
                e -> assertThat(e.code()).isEqualTo(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH));
    }

    /** aws-sig-v4-test-suite, service "service", us-east-1, 2015-08-30T12:36:00Z. */
    @Test
    void signsTheGenericSuiteVanillaRequests() {
        byte[] key = SigV4.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "service");
        String headers = "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n";
        String vanilla = SigV4.canonicalRequest("GET", "/", "", headers, "host;x-amz-date", SigV4.EMPTY_SHA256);
        assertThat(SigV4.sign(key, SigV4.stringToSign("20150830T123600Z", "20150830/us-east-1/service/aws4_request", vanilla)))
                .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        String query = SigV4.canonicalQuery(List.of(Map.entry("Param2", "value2"), Map.entry("Param1", "value1")), null);
        assertThat(query).isEqualTo("Param1=value1&Param2=value2");
        String ordered = SigV4.canonicalRequest("GET", "/", query, headers, "host;x-amz-date", SigV4.EMPTY_SHA256);
        assertThat(SigV4.sign(key, SigV4.stringToSign("20150830T123600Z", "20150830/us-east-1/service/aws4_request", ordered)))
                .isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }
}
