package io.flashback.bridge.storage;

import java.io.InputStream;
import java.nio.channels.FileChannel;

/** The bytes of (a range of) an object, handed to the HTTP layer which closes them. */
public sealed interface ObjectContent {
    long length();

    /** A region of a local file: the server can send it with zero-copy {@code sendfile}. */
    record FileRegion(FileChannel channel, long position, long length) implements ObjectContent {}

    record Stream(InputStream stream, long length) implements ObjectContent {}
}
