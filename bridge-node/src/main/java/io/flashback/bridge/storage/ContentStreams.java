package io.flashback.bridge.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Object content as an InputStream, for copies between objects and for upstream backends. */
public final class ContentStreams {
    private ContentStreams() {}

    public static InputStream open(ObjectContent content) {
        return switch (content) {
            case ObjectContent.Stream s -> s.stream();
            case ObjectContent.FileRegion f -> new FileRegionStream(f.channel(), f.position(), f.length());
        };
    }

    private static final class FileRegionStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private long remaining;

        FileRegionStream(FileChannel channel, long position, long length) {
            this.channel = channel;
            this.position = position;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) return -1;
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
            if (n < 0) throw new IOException("object file shorter than recorded");
            position += n;
            remaining -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
