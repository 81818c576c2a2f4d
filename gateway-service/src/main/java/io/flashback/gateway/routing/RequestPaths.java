package io.flashback.gateway.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A request path reduced to what any server behind the gateway could take it to mean, for
 * decisions about which paths may pass. It is never forwarded; it only has to be at least as
 * eager as the services' own decoding (RFC 3986 §2.1 percent-decoding, §5.2.4 dot segments,
 * Tomcat's {@code ;} path parameters, case-insensitive matching where a server allows it).
 */
final class RequestPaths {

    /** Percent-decoding is repeated until nothing changes, but not forever. */
    private static final int MAX_DECODING_ROUNDS = 5;

    private RequestPaths() {
    }

    static String normalise(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        for (int round = 0; round < MAX_DECODING_ROUNDS; round++) {
            String decoded = percentDecode(path);
            if (decoded.equals(path)) {
                break;
            }
            path = decoded;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            int parameters = segment.indexOf(';');
            String name = (parameters >= 0 ? segment.substring(0, parameters) : segment).strip();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(name.toLowerCase(Locale.ROOT));
        }
        return "/" + String.join("/", segments);
    }

    /** Decodes {@code %XX} escapes (UTF-8); a {@code %} not followed by two hex digits is kept as it is. */
    private static String percentDecode(String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
        byte[] raw = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }
}
