package io.flashback.bridge.shipping;

import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.grants.Grants;
import io.flashback.bridge.storage.BucketInfo;
import io.flashback.bridge.storage.ObjectStore;
import java.util.List;
import java.util.function.ToLongFunction;

/** Bytes held by the buckets of an agreement's grants, or -1 when no grant serves it now or the store cannot tell. */
final class StoredBytes implements ToLongFunction<String> {
    private final Grants grants;
    private final ObjectStore store;

    StoredBytes(Grants grants, ObjectStore store) {
        this.grants = grants;
        this.store = store;
    }

    @Override
    public long applyAsLong(String agreementId) {
        List<Grant> serving = grants.all().stream().filter(g -> agreementId.equals(g.agreementId())).toList();
        if (serving.isEmpty()) return -1;
        try {
            long total = 0;
            for (BucketInfo bucket : store.listBuckets()) {
                if (serving.stream().anyMatch(g -> g.covers(bucket.name()))) total += store.usedBytes(bucket.name());
            }
            return total;
        } catch (RuntimeException e) {
            // an upstream backend that is down: the sample says "unknown" rather than a wrong number
            return -1;
        }
    }
}
