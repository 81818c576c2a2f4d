package io.flashback.bridge.s3;

import io.flashback.bridge.auth.AwsChunkedInputStream;
import io.flashback.bridge.auth.PayloadMode;
import io.flashback.bridge.storage.ChecksumAlgorithm;
import io.flashback.bridge.storage.ObjectBody;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a PutObject / UploadPart request into an {@link ObjectBody}: decodes aws-chunked bodies
 * (verifying chunk signatures), and registers every integrity check the request asks for, all
 * evaluated in the same single pass over the bytes.
 */
public final class UploadBodies {
    /** S3's largest single PUT. */
    public static final long MAX_PUT = 5L * 1024 * 1024 * 1024;

    private UploadBodies() {}

    public static ObjectBody from(S3Request req) {
        PayloadMode mode = req.auth().payloadMode();
        String encoding = req.header("content-encoding");
        boolean chunked = mode.chunked() || (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked"));
        InputStream in = req.rawBody();
        long length;
        AwsChunkedInputStream decoder = null;
        if (chunked) {
            String decoded = req.header("x-amz-decoded-content-length");
            if (decoded == null) throw S3ErrorCode.MISSING_CONTENT_LENGTH.exception("x-amz-decoded-content-length is required for aws-chunked uploads.");
            length = parseLength(decoded);
            // the request body reads single bytes from its current buffer cheaply: no extra buffering copy
            decoder = new AwsChunkedInputStream(in instanceof io.flashback.bridge.server.RequestBody ? in : new BufferedInputStream(in, 64 * 1024),
                    req.auth().streaming(),
                    mode == PayloadMode.STREAMING_SIGNED_TRAILER);
            in = decoder;
        } else {
            String cl = req.header("content-length");
            if (cl == null) throw S3ErrorCode.MISSING_CONTENT_LENGTH.exception();
            length = parseLength(cl);
        }
        if (length > MAX_PUT) throw S3ErrorCode.ENTITY_TOO_LARGE.exception().with("ProposedSize", Long.toString(length))
                .with("MaxSizeAllowed", Long.toString(MAX_PUT));
        ObjectBody body = new ObjectBody(in, length);

        // Content-MD5 (RFC 1864)
        String contentMd5 = req.header("content-md5");
        if (contentMd5 != null) {
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(contentMd5.trim());
            } catch (IllegalArgumentException e) {
                throw S3ErrorCode.INVALID_DIGEST.exception();
            }
            if (expected.length != 16) throw S3ErrorCode.INVALID_DIGEST.exception();
            body.verifying(b -> {
                if (!MessageDigest.isEqual(expected, b.md5())) throw S3ErrorCode.BAD_DIGEST.exception();
            });
        }

        // x-amz-checksum-* in headers or announced as trailers
        Map<ChecksumAlgorithm, String> headerChecksums = new EnumMap<>(ChecksumAlgorithm.class);
        for (ChecksumAlgorithm alg : ChecksumAlgorithm.values()) {
            String v = req.header(alg.header());
            if (v != null) headerChecksums.put(alg, v.trim());
        }
        ChecksumAlgorithm requested = requestedAlgorithm(req);
        if (requested != null) body.computing(requested);
        headerChecksums.keySet().forEach(body::computing);
        headerChecksums.forEach((alg, expected) -> body.verifying(b -> compare(alg, expected, b)));
        String trailer = req.header("x-amz-trailer");
        if (trailer != null) {
            ChecksumAlgorithm alg = ChecksumAlgorithm.fromHeader(trailer.trim()).orElseThrow(() ->
                    S3ErrorCode.INVALID_ARGUMENT.exception("Unsupported trailer " + trailer));
            if (decoder == null) throw S3ErrorCode.INVALID_REQUEST.exception("x-amz-trailer requires an aws-chunked body.");
            body.computing(alg);
            AwsChunkedInputStream d = decoder;
            body.verifying(b -> {
                String value = d.trailers().get(alg.header());
                if (value == null) throw S3ErrorCode.INVALID_REQUEST.exception("The announced trailer " + alg.header() + " is missing.");
                compare(alg, value, b);
            });
        }

        // x-amz-content-sha256 with a real hash: the whole body must hash to it
        if (mode == PayloadMode.SIGNED && !chunked) {
            String expected = req.auth().payloadSha256();
            if (!expected.equals(io.flashback.bridge.auth.SigV4.EMPTY_SHA256) || length != 0) {
                body.hashing(ChecksumAlgorithm.SHA256);
                body.verifying(b -> {
                    String actual = HexFormat.of().formatHex(b.digest(ChecksumAlgorithm.SHA256));
                    if (!actual.equals(expected)) {
                        throw S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH.exception()
                                .with("ClientComputedContentSHA256", expected)
                                .with("S3ComputedContentSHA256", actual);
                    }
                });
            }
        }
        return body;
    }

    /** The algorithm whose checksum the client wants stored and returned, if any. */
    public static ChecksumAlgorithm requestedAlgorithm(S3Request req) {
        String sdk = req.header("x-amz-sdk-checksum-algorithm");
        String alg = sdk != null ? sdk : req.header("x-amz-checksum-algorithm");
        if (alg != null) {
            return ChecksumAlgorithm.fromName(alg).orElseThrow(() ->
                    S3ErrorCode.INVALID_REQUEST.exception("Checksum algorithm " + alg + " is not supported."));
        }
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) if (req.header(a.header()) != null) return a;
        String trailer = req.header("x-amz-trailer");
        return trailer == null ? null : ChecksumAlgorithm.fromHeader(trailer.trim()).orElse(null);
    }

    private static void compare(ChecksumAlgorithm alg, String expectedBase64, ObjectBody b) {
        String actual = Base64.getEncoder().encodeToString(b.digest(alg));
        if (!actual.equals(expectedBase64)) {
            throw S3ErrorCode.BAD_DIGEST.exception("The " + alg.name() + " you specified did not match the calculated checksum.");
        }
    }

    private static long parseLength(String text) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception("Invalid content length " + text);
        }
    }
}
