package io.flashback.bridge.gcs;

import io.flashback.bridge.s3.S3ErrorCode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/related} upload (https://cloud.google.com/storage/docs/uploading-objects#uploading-an-object):
 * a JSON metadata part, then the data part, streamed up to the closing boundary without
 * buffering it whole.
 */
final class MultipartRelated {
    private final BufferedInputStream in;
    private final byte[] delimiter;

    MultipartRelated(InputStream raw, String contentType) {
        String boundary = null;
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.startsWith("boundary=")) boundary = t.substring("boundary=".length()).replace("\"", "");
        }
        if (boundary == null) throw S3ErrorCode.INVALID_ARGUMENT.exception("multipart/related upload without a boundary");
        this.in = new BufferedInputStream(raw, 64 * 1024);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** Skips to the first part, reads its headers and returns its (small, JSON) body. */
    byte[] metadataPart() throws IOException {
        String first = line();
        while (first != null && first.isEmpty()) first = line();
        if (first == null || !("\r\n" + first).startsWith(new String(delimiter, StandardCharsets.US_ASCII))) {
            throw S3ErrorCode.INVALID_ARGUMENT.exception("malformed multipart/related body");
        }
        skipHeaders();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (InputStream part = nextPartBody()) {
            part.transferTo(json);
        }
        skipHeaders();
        return json.toByteArray();
    }

    /** The data part's bytes, ending at the next boundary. */
    InputStream dataPart() {
        return nextPartBody();
    }

    private void skipHeaders() throws IOException {
        String l;
        while ((l = line()) != null && !l.isEmpty()) {
            // part headers (Content-Type) carry nothing the JSON metadata does not
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') if (c != '\r') b.write(c);
        if (c < 0 && b.size() == 0) return null;
        return b.toString(StandardCharsets.UTF_8);
    }

    private InputStream nextPartBody() {
        return new InputStream() {
            private boolean done;

            @Override
            public int read() throws IOException {
                if (done) return -1;
                in.mark(delimiter.length);
                for (int i = 0; i < delimiter.length; i++) {
                    int c = in.read();
                    if (c < 0) throw S3ErrorCode.INCOMPLETE_BODY.exception("multipart/related body ended inside a part");
                    if ((byte) c != delimiter[i]) {
                        in.reset();
                        return in.read();
                    }
                }
                done = true;
                line(); // rest of the boundary line ("--" for the last one)
                return -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c < 0) break;
                    b[off + n++] = (byte) c;
                }
                return n == 0 && len > 0 ? -1 : n;
            }
        };
    }
}
