package io.flashback.bridge.server;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An HTTP response the handlers build; the server writes it. */
public record Response(int status, List<Map.Entry<String, String>> headers, Body body) {

    public sealed interface Body {
        long length();
    }

    public record Empty() implements Body {
        public long length() { return 0; }
    }

    public record Bytes(byte[] bytes) implements Body {
        public long length() { return bytes.length; }
    }

    /** Sent with zero-copy sendfile; the channel is closed once sent. */
    public record FileSlice(FileChannel channel, long position, long length) implements Body {}

    /** Streamed from a backend; closed once sent. */
    public record Stream(InputStream stream, long length) implements Body {}

    public static Builder status(int status) {
        return new Builder(status);
    }

    public static Response ok() {
        return status(200).build();
    }

    public String header(String name) {
        for (Map.Entry<String, String> h : headers) if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
        return null;
    }

    public static final class Builder {
        private final int status;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private Body body = new Empty();

        private Builder(int status) {
            this.status = status;
        }

        public Builder header(String name, String value) {
            if (value != null) headers.add(Map.entry(name, value));
            return this;
        }

        /** Sets a header, replacing any value it had. */
        public Builder set(String name, String value) {
            headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
            return header(name, value);
        }

        public Builder body(Body body) {
            this.body = body;
            return this;
        }

        public Builder xml(String xml) {
            header("Content-Type", "application/xml");
            body = new Bytes(xml.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Builder json(byte[] json) {
            header("Content-Type", "application/json; charset=UTF-8");
            body = new Bytes(json);
            return this;
        }

        public Response build() {
            return new Response(status, List.copyOf(headers), body);
        }
    }
}
