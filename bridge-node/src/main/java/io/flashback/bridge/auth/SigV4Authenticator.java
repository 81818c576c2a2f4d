package io.flashback.bridge.auth;

import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.grants.Grants;
import io.flashback.bridge.s3.S3ErrorCode;
import io.flashback.bridge.s3.S3Exception;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Verifies SigV4 requests: the Authorization header
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-auth-using-authorization-header.html)
 * and presigned URLs (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
 * Chunk signatures of streaming bodies are checked later, as the body streams, by
 * {@link AwsChunkedInputStream} with the {@link StreamingContext} returned here.
 */
public final class SigV4Authenticator {
    /** S3 rejects requests more than 15 minutes off the server clock. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final long MAX_PRESIGN_SECONDS = 604_800;
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Grants grants;
    private final Clock clock;

    public SigV4Authenticator(Grants grants, Clock clock) {
        this.grants = grants;
        this.clock = clock;
    }

    public Authentication authenticate(SignedRequest req) {
        String authorization = req.headers().get("authorization");
        if (authorization != null) return fromHeader(req, authorization.trim());
        if (req.queryParam("X-Amz-Signature") != null || req.queryParam("X-Amz-Algorithm") != null) return presigned(req);
        if (req.queryParam("Signature") != null && req.queryParam("AWSAccessKeyId") != null) return presignedV2(req);
        throw S3ErrorCode.ACCESS_DENIED.exception("Anonymous access is not allowed; sign the request with your grant's access key.");
    }

    private record Credential(String accessKey, String date, String region, String service) {
        String scope() { return date + "/" + region + "/" + service + "/aws4_request"; }
    }

    private Authentication fromHeader(SignedRequest req, String authorization) {
        if (authorization.startsWith("AWS ")) {
            throw S3ErrorCode.INVALID_REQUEST.exception("Signature Version 2 is not supported; use AWS4-HMAC-SHA256.");
        }
        if (!authorization.startsWith(SigV4.ALGORITHM + " ")) {
            throw S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED.exception("Unsupported authorization algorithm.");
        }
        String credentialText = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : authorization.substring(SigV4.ALGORITHM.length() + 1).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) continue;
            String name = p.substring(0, eq);
            String value = p.substring(eq + 1).trim();
            switch (name) {
                case "Credential" -> credentialText = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> { }
            }
        }
        if (credentialText == null || signedHeaders == null || signature == null) {
            throw S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED.exception(
                    "The authorization header is malformed; it must carry Credential, SignedHeaders and Signature.");
        }
        Credential credential = parseCredential(credentialText, S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED);
        Grant grant = grant(credential.accessKey());

        String amzDate = req.headers().get("x-amz-date");
        if (amzDate == null) amzDate = fromHttpDate(req.headers().get("date"));
        if (amzDate == null) {
            throw S3ErrorCode.ACCESS_DENIED.exception("AWS authentication requires a valid Date or x-amz-date header");
        }
        Instant requestTime = parseAmzDate(amzDate, S3ErrorCode.ACCESS_DENIED);
        Instant now = clock.instant();
        if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
            throw S3ErrorCode.REQUEST_TIME_TOO_SKEWED.exception()
                    .with("RequestTime", amzDate)
                    .with("ServerTime", AMZ_DATE.format(now))
                    .with("MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW.toMillis()));
        }
        if (!amzDate.startsWith(credential.date())) {
            throw S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED.exception(
                    "The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        String payloadHash = req.headers().get("x-amz-content-sha256");
        if (payloadHash == null) {
            throw S3ErrorCode.INVALID_REQUEST.exception("Missing required header for this request: x-amz-content-sha256");
        }
        PayloadMode mode = payloadMode(payloadHash);
        requireAmzHeadersSigned(req, signedHeaders);

        byte[] key = SigV4.signingKey(grant.secret(), credential.date(), credential.region(), credential.service());
        String canonical = SigV4.canonicalRequest(req.method(), SigV4.uriEncode(req.path(), true),
                SigV4.canonicalQuery(req.query(), null), canonicalHeaders(req, signedHeaders), signedHeaders, payloadHash);
        String stringToSign = SigV4.stringToSign(amzDate, credential.scope(), canonical);
        verify(grant, key, stringToSign, signature, canonical);
        StreamingContext streaming = mode == PayloadMode.STREAMING_SIGNED || mode == PayloadMode.STREAMING_SIGNED_TRAILER
                ? new StreamingContext(key, amzDate, credential.scope(), signature) : null;
        return new Authentication(grant, mode, mode == PayloadMode.SIGNED ? payloadHash : null, streaming);
    }

    private Authentication presigned(SignedRequest req) {
        String algorithm = req.queryParam("X-Amz-Algorithm");
        String credentialText = req.queryParam("X-Amz-Credential");
        String amzDate = req.queryParam("X-Amz-Date");
        String expiresText = req.queryParam("X-Amz-Expires");
        String signedHeaders = req.queryParam("X-Amz-SignedHeaders");
        String signature = req.queryParam("X-Amz-Signature");
        if (!SigV4.ALGORITHM.equals(algorithm)) {
            throw S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR.exception("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        if (credentialText == null || amzDate == null || expiresText == null || signedHeaders == null || signature == null) {
            throw S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR.exception(
                    "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }
        Credential credential = parseCredential(credentialText, S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
        Grant grant = grant(credential.accessKey());
        long expires;
        try {
            expires = Long.parseLong(expiresText);
        } catch (NumberFormatException e) {
            throw S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR.exception("X-Amz-Expires should be a number");
        }
        if (expires < 1 || expires > MAX_PRESIGN_SECONDS) {
            throw S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR.exception(
                    "X-Amz-Expires must be between 1 and 604800 seconds");
        }
        Instant signedAt = parseAmzDate(amzDate, S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
        Instant now = clock.instant();
        if (now.isAfter(signedAt.plusSeconds(expires))) {
            throw S3ErrorCode.ACCESS_DENIED.exception("Request has expired")
                    .with("X-Amz-Expires", expiresText)
                    .with("Expires", AMZ_DATE.format(signedAt.plusSeconds(expires)))
                    .with("ServerTime", AMZ_DATE.format(now));
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw S3ErrorCode.ACCESS_DENIED.exception("Request is not valid yet");
        }
        if (!amzDate.startsWith(credential.date())) {
            throw S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR.exception("Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        String payloadHash = req.queryParam("X-Amz-Content-Sha256");
        if (payloadHash == null) payloadHash = SigV4.UNSIGNED_PAYLOAD;
        PayloadMode mode = payloadMode(payloadHash);
        requireAmzHeadersSigned(req, signedHeaders);
        byte[] key = SigV4.signingKey(grant.secret(), credential.date(), credential.region(), credential.service());
        String canonical = SigV4.canonicalRequest(req.method(), SigV4.uriEncode(req.path(), true),
                SigV4.canonicalQuery(req.query(), "X-Amz-Signature"), canonicalHeaders(req, signedHeaders), signedHeaders, payloadHash);
        String stringToSign = SigV4.stringToSign(amzDate, credential.scope(), canonical);
        verify(grant, key, stringToSign, signature, canonical);
        return new Authentication(grant, mode, mode == PayloadMode.SIGNED ? payloadHash : null, null);
    }

    /** Sub-resources that are part of a SigV2 canonical resource (query parameters that select a sub-resource). */
    private static final java.util.Set<String> V2_SUBRESOURCES = java.util.Set.of("acl", "delete", "lifecycle", "location",
            "logging", "notification", "partNumber", "policy", "requestPayment", "tagging", "torrent", "uploadId", "uploads",
            "versionId", "versioning", "versions", "website", "response-cache-control", "response-content-disposition",
            "response-content-encoding", "response-content-language", "response-content-type", "response-expires");

    /**
     * Legacy SigV2 query-string authentication, accepted for presigned GET/HEAD URLs only, because
     * s3cmd's {@code signurl} still produces them:
     * https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html#RESTAuthenticationQueryStringAuth
     */
    private Authentication presignedV2(SignedRequest req) {
        if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
            throw S3ErrorCode.INVALID_REQUEST.exception("Signature Version 2 is supported only for presigned GET URLs; use AWS4-HMAC-SHA256.");
        }
        Grant grant = grant(req.queryParam("AWSAccessKeyId"));
        // this SigV2 form signs no header at all (its string to sign has no CanonicalizedAmzHeaders here)
        requireAmzHeadersSigned(req, "");
        long expires;
        try {
            expires = Long.parseLong(req.queryParam("Expires"));
        } catch (NumberFormatException | NullPointerException e) {
            throw S3ErrorCode.ACCESS_DENIED.exception("Expires must be a number of seconds since the epoch");
        }
        Instant now = clock.instant();
        if (now.getEpochSecond() > expires) {
            throw S3ErrorCode.ACCESS_DENIED.exception("Request has expired").with("Expires", Instant.ofEpochSecond(expires).toString())
                    .with("ServerTime", now.toString());
        }
        if (expires - now.getEpochSecond() > MAX_PRESIGN_SECONDS) {
            throw S3ErrorCode.ACCESS_DENIED.exception("Expires must be less than a week in the future");
        }
        StringBuilder sub = new StringBuilder();
        req.query().stream().filter(e -> V2_SUBRESOURCES.contains(e.getKey()))
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> sub.append(sub.isEmpty() ? '?' : '&').append(e.getKey())
                        .append(e.getValue() == null || e.getValue().isEmpty() ? "" : "=" + e.getValue()));
        String provided = req.queryParam("Signature");
        for (String resource : java.util.List.of(SigV4.uriEncode(req.path(), true), req.path())) {
            String sts = req.method() + "\n\n\n" + expires + "\n" + resource + sub;
            String expected = java.util.Base64.getEncoder().encodeToString(hmacSha1(grant.secret(), sts));
            if (java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    provided.getBytes(StandardCharsets.US_ASCII))) {
                return new Authentication(grant, PayloadMode.UNSIGNED, null, null);
            }
        }
        throw S3ErrorCode.SIGNATURE_DOES_NOT_MATCH.exception().with("AWSAccessKeyId", grant.accessKey())
                .with("StringToSign", req.method() + "\n\n\n" + expires + "\n" + SigV4.uriEncode(req.path(), true) + sub)
                .with("SignatureProvided", provided);
    }

    private static byte[] hmacSha1(String secret, String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void verify(Grant grant, byte[] key, String stringToSign, String provided, String canonical) {
        String expected = SigV4.sign(key, stringToSign);
        if (!SigV4.signaturesEqual(expected, provided)) {
            // AWS returns what it signed so the client can find the difference
            throw S3ErrorCode.SIGNATURE_DOES_NOT_MATCH.exception()
                    .with("AWSAccessKeyId", grant.accessKey())
                    .with("StringToSign", stringToSign)
                    .with("SignatureProvided", provided)
                    .with("StringToSignBytes", spacedHex(stringToSign))
                    .with("CanonicalRequest", canonical)
                    .with("CanonicalRequestBytes", spacedHex(canonical));
        }
    }

    private static String spacedHex(String s) {
        String hex = HexFormat.ofDelimiter(" ").formatHex(s.getBytes(StandardCharsets.UTF_8));
        return hex;
    }

    private Grant grant(String accessKey) {
        return grants.byAccessKey(accessKey).orElseThrow(() -> S3ErrorCode.INVALID_ACCESS_KEY_ID.exception()
                .with("AWSAccessKeyId", accessKey));
    }

    private static Credential parseCredential(String text, S3ErrorCode error) {
        String[] p = text.split("/");
        if (p.length != 5 || !"aws4_request".equals(p[4]) || p[1].length() != 8) {
            throw error.exception("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }
        return new Credential(p[0], p[1], p[2], p[3]);
    }

    /**
     * Every {@code x-amz-*} header the request carries must be among the signed headers, in header
     * and query-string authentication alike: "x-amz-* headers you plan to add must be signed"
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html,
     * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html). Otherwise
     * whoever holds a presigned URL could add e.g. {@code x-amz-copy-source} and turn a PUT of
     * new bytes into a copy of an object the URL never named (issue #13, M2). AWS answers 403
     * "There were headers present in the request which were not signed" with HeadersNotSigned.
     */
    private static void requireAmzHeadersSigned(SignedRequest req, String signedHeaders) {
        java.util.Set<String> signed = new java.util.HashSet<>();
        for (String name : signedHeaders.split(";")) signed.add(name.trim().toLowerCase(Locale.ROOT));
        java.util.TreeSet<String> unsigned = new java.util.TreeSet<>();
        for (String name : req.headers().names()) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.startsWith("x-amz-") && !signed.contains(n)) {
                unsigned.add(n);
            }
        }
        if (!unsigned.isEmpty()) {
            String names = String.join(", ", unsigned);
            throw S3ErrorCode.ACCESS_DENIED.exception("There were headers present in the request which were not signed: " + names
                    + ". Every x-amz-* header must be signed.").with("HeadersNotSigned", names);
        }
    }

    private static String canonicalHeaders(SignedRequest req, String signedHeaders) {
        List<String> names = Arrays.asList(signedHeaders.split(";"));
        if (!names.contains("host")) {
            throw S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED.exception("The host header must be signed.");
        }
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            String n = name.toLowerCase(Locale.ROOT);
            sb.append(n).append(':').append(SigV4.canonicalHeaderValue(req.headers().all(n))).append('\n');
        }
        return sb.toString();
    }

    static PayloadMode payloadMode(String payloadHash) {
        return switch (payloadHash) {
            case SigV4.UNSIGNED_PAYLOAD -> PayloadMode.UNSIGNED;
            case SigV4.STREAMING_SIGNED -> PayloadMode.STREAMING_SIGNED;
            case SigV4.STREAMING_SIGNED_TRAILER -> PayloadMode.STREAMING_SIGNED_TRAILER;
            case SigV4.STREAMING_UNSIGNED_TRAILER -> PayloadMode.STREAMING_UNSIGNED_TRAILER;
            default -> {
                if (!SHA256_HEX.matcher(payloadHash).matches()) {
                    throw S3ErrorCode.INVALID_ARGUMENT.exception(
                            "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.")
                            .with("ArgumentName", "x-amz-content-sha256").with("ArgumentValue", payloadHash);
                }
                yield PayloadMode.SIGNED;
            }
        };
    }

    private static Instant parseAmzDate(String amzDate, S3ErrorCode error) {
        try {
            return ZonedDateTime.parse(amzDate, AMZ_DATE).toInstant();
        } catch (DateTimeParseException e) {
            throw error.exception("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
    }

    private static String fromHttpDate(String httpDate) {
        if (httpDate == null) return null;
        try {
            return AMZ_DATE.format(ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** For presigning in tests and tools: the x-amz-date form of an instant. */
    public static String amzDate(Instant instant) {
        return AMZ_DATE.format(instant);
    }

    /** Thrown by chunk verification: a chunk whose signature is wrong. */
    static S3Exception chunkSignatureMismatch(String stringToSign, String provided) {
        return S3ErrorCode.SIGNATURE_DOES_NOT_MATCH.exception()
                .with("StringToSign", stringToSign)
                .with("SignatureProvided", provided);
    }
}
