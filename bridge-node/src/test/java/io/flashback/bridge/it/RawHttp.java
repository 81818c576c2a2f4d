package io.flashback.bridge.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Hand-made HTTP/1.1 requests, signed by the AWS SDK's own SigV4 signer, for inputs no
 * well-behaved client sends: wrong lengths, truncated bodies, huge headers, odd paths.
 */
final class RawHttp {
    record Reply(int status, Map<String, String> headers, String body) {}

    private RawHttp() {}

    /** Signs with the SDK signer; {@code payload} null means UNSIGNED-PAYLOAD. */
    static Map<String, List<String>> sign(String method, URI uri, byte[] payload, String accessKey, String secret, Clock clock,
                                          Map<String, String> extraHeaders) {
        SdkHttpRequest.Builder rb = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        extraHeaders.forEach(rb::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(rb.build())
                .payload(payload == null ? null : ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payload != null));
        return signed.request().headers();
    }

    /** A presigned URL from the SDK signer, signed at {@code clock}'s time. */
    static URI presign(String method, URI uri, String accessKey, String secret, Clock clock, Duration expiry) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri).build())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry));
        return signed.request().getUri();
    }

    /**
     * Sends a request head and then {@code body} (which may be shorter or longer than the
     * Content-Length the headers claim), then reads one response.
     */
    static Reply send(int port, String method, String target, Map<String, List<String>> headers, byte[] body,
                      boolean closeAfterBody) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            headers.forEach((k, vs) -> vs.forEach(v -> head.append(k).append(": ").append(v).append("\r\n")));
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) out.write(body);
            out.flush();
            if (closeAfterBody) socket.shutdownOutput();
            return read(socket.getInputStream());
        }
    }

    static Reply read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null) return new Reply(-1, Map.of(), "");
        Map<String, String> headers = new LinkedHashMap<>();
        String l;
        while ((l = line(in)) != null && !l.isEmpty()) {
            int c = l.indexOf(':');
            headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        if (code == 100) return read(in);
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Reply(code, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') break;
            if (c != '\r') b.write(c);
        }
        if (c < 0 && b.size() == 0) return null;
        return b.toString(StandardCharsets.UTF_8);
    }
}
