package io.flashback.chain;

import java.nio.ByteBuffer;
import java.util.UUID;

/** A bridge node's id on chain (bytes32). Platform ids are UUIDs, stored left-aligned. */
public record NodeId(Bytes32 value) {

    public static NodeId of(UUID uuid) {
        return new NodeId(Bytes32.of(uuidBytes(uuid)));
    }

    public static NodeId of(String hex) {
        return new NodeId(new Bytes32(hex));
    }

    static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(32).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    @Override
    public String toString() {
        return value.value();
    }
}
