package io.flashback.bridge.storage;

/**
 * A listing request in store terms: keys after {@code startAfter} (exclusive) that start with
 * {@code prefix}, rolled up at {@code delimiter}, at most {@code maxKeys} entries (objects plus
 * common prefixes).
 */
public record ListQuery(String prefix, String delimiter, String startAfter, int maxKeys) {
    public ListQuery {
        prefix = prefix == null ? "" : prefix;
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        startAfter = startAfter == null ? "" : startAfter;
    }
}
