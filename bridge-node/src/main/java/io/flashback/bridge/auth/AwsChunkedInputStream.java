package io.flashback.bridge.auth;

import io.flashback.bridge.s3.S3ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} body
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html and
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html):
 * {@code hex-size[;chunk-signature=sig]\r\n data \r\n} ... {@code 0[;chunk-signature=sig]\r\n}
 * then optional trailer lines and an empty line. With a {@link StreamingContext} each chunk's
 * signature is verified (chained from the seed signature) as soon as the chunk has streamed
 * through, and the trailer signature after the trailers; the SHA-256 of each chunk is computed
 * on the bytes as they pass, so every byte is read once.
 */
public final class AwsChunkedInputStream extends InputStream {
    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final StreamingContext signing;
    private final boolean trailerSigned;
    private final MessageDigest chunkDigest;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private String previousSignature;
    private String chunkSignature;
    private long chunkRemaining;
    private boolean done;

    /**
     * @param signing       null for STREAMING-UNSIGNED-PAYLOAD-TRAILER
     * @param trailerSigned whether a trailer signature must be present and verified
     */
    public AwsChunkedInputStream(InputStream in, StreamingContext signing, boolean trailerSigned) {
        this.in = in;
        this.signing = signing;
        this.trailerSigned = trailerSigned;
        this.chunkDigest = signing == null ? null : SigV4.sha256();
        this.previousSignature = signing == null ? null : signing.seedSignature();
    }

    /** Trailing headers (lower-case names), available once the stream has been read to its end. */
    public Map<String, String> trailers() {
        return trailers;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (chunkRemaining == 0) {
            if (done) return -1;
            nextChunk();
        }
        int n = in.read(b, off, (int) Math.min(len, chunkRemaining));
        if (n < 0) throw S3ErrorCode.INCOMPLETE_BODY.exception("The aws-chunked body ended inside a chunk.");
        if (chunkDigest != null) chunkDigest.update(b, off, n);
        chunkRemaining -= n;
        if (chunkRemaining == 0) endOfChunk();
        return n;
    }

    private void nextChunk() throws IOException {
        String header = readLine();
        if (header == null) throw S3ErrorCode.INCOMPLETE_BODY.exception("The aws-chunked body ended before its final chunk.");
        int semi = header.indexOf(';');
        String sizeText = (semi < 0 ? header : header.substring(0, semi)).trim();
        long size;
        try {
            size = Long.parseLong(sizeText, 16);
        } catch (NumberFormatException e) {
            throw S3ErrorCode.INVALID_REQUEST.exception("Malformed aws-chunked chunk header.");
        }
        if (size < 0) throw S3ErrorCode.INVALID_REQUEST.exception("Malformed aws-chunked chunk header.");
        chunkSignature = null;
        if (semi >= 0) {
            String ext = header.substring(semi + 1).trim();
            if (ext.startsWith("chunk-signature=")) chunkSignature = ext.substring("chunk-signature=".length());
        }
        if (signing != null && chunkSignature == null) {
            throw S3ErrorCode.SIGNATURE_DOES_NOT_MATCH.exception("A chunk of a signed aws-chunked body carries no signature.");
        }
        if (size == 0) {
            verifyChunk();
            readTrailers();
            done = true;
            return;
        }
        chunkRemaining = size;
    }

    private void endOfChunk() throws IOException {
        verifyChunk();
        String crlf = readLine();
        if (crlf == null || !crlf.isEmpty()) throw S3ErrorCode.INVALID_REQUEST.exception("Malformed aws-chunked body: missing CRLF after chunk data.");
    }

    private void verifyChunk() {
        if (signing == null) return;
        String chunkHash = HexFormat.of().formatHex(chunkDigest.digest());
        String sts = SigV4.chunkStringToSign(signing.amzDate(), signing.scope(), previousSignature, chunkHash);
        String expected = SigV4.sign(signing.signingKey(), sts);
        if (!SigV4.signaturesEqual(expected, chunkSignature)) throw SigV4Authenticator.chunkSignatureMismatch(sts, chunkSignature);
        previousSignature = chunkSignature;
    }

    private void readTrailers() throws IOException {
        StringBuilder canonical = new StringBuilder();
        String trailerSignature = null;
        while (true) {
            String line = readLine();
            if (line == null || line.isEmpty()) break;
            int colon = line.indexOf(':');
            if (colon <= 0) throw S3ErrorCode.INVALID_REQUEST.exception("Malformed trailing header in aws-chunked body.");
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("x-amz-trailer-signature")) {
                trailerSignature = value;
            } else {
                trailers.put(name, value);
                canonical.append(name).append(':').append(value).append('\n');
            }
        }
        if (trailerSigned && signing != null) {
            String sts = SigV4.trailerStringToSign(signing.amzDate(), signing.scope(), previousSignature,
                    SigV4.sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8)));
            String expected = SigV4.sign(signing.signingKey(), sts);
            if (!SigV4.signaturesEqual(expected, trailerSignature)) {
                throw SigV4Authenticator.chunkSignatureMismatch(sts, trailerSignature);
            }
        }
    }

    /** A CRLF-terminated line without its terminator; null at end of stream. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(96);
        while (true) {
            int c = in.read();
            if (c < 0) return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            if (c == '\r') {
                int lf = in.read();
                if (lf != '\n') throw S3ErrorCode.INVALID_REQUEST.exception("Malformed aws-chunked body: CR without LF.");
                return line.toString(StandardCharsets.UTF_8);
            }
            if (c == '\n') return line.toString(StandardCharsets.UTF_8);
            if (line.size() >= MAX_LINE) throw S3ErrorCode.INVALID_REQUEST.exception("aws-chunked line too long.");
            line.write(c);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
