package io.flashback.bridge.grants;

public enum Access {
    READ, READ_WRITE
}
