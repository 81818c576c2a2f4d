package io.flashback.bridge.faults;

import io.flashback.bridge.storage.ForwardingObjectStore;
import io.flashback.bridge.storage.ObjectContent;
import io.flashback.bridge.storage.ObjectHandle;
import io.flashback.bridge.storage.ObjectInfo;
import io.flashback.bridge.storage.ObjectStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;

/**
 * A backend that has lost its objects' bytes but not their metadata (for tests only, see {@link FaultInjection}): every
 * read answers as many bytes as asked, each one inverted. Writes, listings and metadata are untouched.
 */
final class CorruptingObjectStore extends ForwardingObjectStore {

    CorruptingObjectStore(ObjectStore delegate) {
        super(delegate);
    }

    @Override
    public ObjectHandle open(String bucket, String key) {
        ObjectHandle handle = delegate.open(bucket, key);
        return new ObjectHandle() {
            @Override
            public ObjectInfo info() {
                return handle.info();
            }

            @Override
            public ObjectContent content(long offset, long length) {
                ObjectContent stored = handle.content(offset, length);
                return new ObjectContent.Stream(new Inverted(stream(stored)), stored.length());
            }

            @Override
            public void close() {
                handle.close();
            }
        };
    }

    private static InputStream stream(ObjectContent content) {
        return switch (content) {
            case ObjectContent.Stream s -> s.stream();
            case ObjectContent.FileRegion f -> {
                try {
                    // the channel was opened for this content and is the caller's: closing the stream closes it
                    yield Channels.newInputStream(f.channel().position(f.position()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static final class Inverted extends FilterInputStream {

        Inverted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            return b < 0 ? b : ~b & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n; i++) buffer[i] = (byte) ~buffer[i];
            return n;
        }
    }
}
