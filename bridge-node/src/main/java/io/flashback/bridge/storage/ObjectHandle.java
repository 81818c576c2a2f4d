package io.flashback.bridge.storage;

/**
 * An object opened for reading: its metadata now, its bytes on request, both from the same
 * version even if the key is overwritten meanwhile (where the backend can promise it).
 */
public interface ObjectHandle extends AutoCloseable {
    ObjectInfo info();

    /** Bytes [offset, offset+length); ownership passes to the caller. */
    ObjectContent content(long offset, long length);

    @Override
    void close();
}
