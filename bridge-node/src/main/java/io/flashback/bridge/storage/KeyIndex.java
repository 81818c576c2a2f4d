package io.flashback.bridge.storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The keys of one bucket in S3 listing order (UTF-8 bytes), with S3 listing semantics: prefix,
 * delimiter roll-up into common prefixes, start-after, max-keys and truncation. A page costs a
 * seek plus the page (common prefixes are skipped over by seeking past them), whatever the size
 * of the bucket.
 */
public final class KeyIndex {
    private final ConcurrentSkipListMap<String, ObjectSummary> index = new ConcurrentSkipListMap<>(KeyOrder.INSTANCE);

    /** Returns the previous entry, if any. */
    public ObjectSummary put(ObjectSummary summary) {
        return index.put(summary.key(), summary);
    }

    public ObjectSummary remove(String key) {
        return index.remove(key);
    }

    public boolean isEmpty() {
        return index.isEmpty();
    }

    public int size() {
        return index.size();
    }

    public ListPage list(ListQuery q) {
        List<ObjectSummary> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (q.maxKeys() <= 0) return new ListPage(objects, prefixes, false, null);
        String prefix = q.prefix();
        String delimiter = q.delimiter();
        String upper = prefix.isEmpty() ? null : KeyOrder.prefixUpperBound(prefix);

        String start = q.startAfter();
        boolean inclusive = false;
        if (delimiter != null && start.startsWith(prefix) && start.endsWith(delimiter)
                && start.indexOf(delimiter, prefix.length()) == start.length() - delimiter.length()) {
            // the marker is a common prefix we returned: continue after everything it rolled up
            start = KeyOrder.prefixUpperBound(start);
            inclusive = true;
            if (start == null) return new ListPage(objects, prefixes, false, null);
        }
        if (KeyOrder.INSTANCE.compare(prefix, start) > 0) {
            start = prefix;
            inclusive = true;
        }
        Iterator<Map.Entry<String, ObjectSummary>> it = index.tailMap(start, inclusive).entrySet().iterator();
        int count = 0;
        boolean truncated = false;
        String last = null;
        while (it.hasNext()) {
            Map.Entry<String, ObjectSummary> e = it.next();
            String key = e.getKey();
            if (upper != null && KeyOrder.INSTANCE.compare(key, upper) >= 0) break;
            if (count == q.maxKeys()) {
                truncated = true;
                break;
            }
            int d = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
            if (d >= 0) {
                String common = key.substring(0, d + delimiter.length());
                prefixes.add(common);
                count++;
                last = common;
                String next = KeyOrder.prefixUpperBound(common);
                if (next == null) break;
                it = index.tailMap(next, true).entrySet().iterator();
                continue;
            }
            objects.add(e.getValue());
            count++;
            last = key;
        }
        return new ListPage(objects, prefixes, truncated, truncated ? last : null);
    }
}
