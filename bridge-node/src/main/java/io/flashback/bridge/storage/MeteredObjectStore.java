package io.flashback.bridge.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Supplier;

/** Times every backend call (flashback.bridge.store), so slow disks or upstreams show apart from the network. */
public final class MeteredObjectStore extends ForwardingObjectStore {
    private final MeterRegistry registry;
    private final String backend;

    public MeteredObjectStore(ObjectStore delegate, MeterRegistry registry, String backend) {
        super(delegate);
        this.registry = registry;
        this.backend = backend;
    }

    private <T> T timed(String op, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } finally {
            Timer.builder("flashback.bridge.store").tags("backend", backend, "operation", op, "outcome", outcome)
                    .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public ObjectInfo put(String bucket, String key, ObjectBody body, ObjectAttributes attributes) {
        return timed("put", () -> delegate.put(bucket, key, body, attributes));
    }

    @Override
    public ObjectHandle open(String bucket, String key) {
        return timed("open", () -> delegate.open(bucket, key));
    }

    @Override
    public void delete(String bucket, String key) {
        timed("delete", () -> {
            delegate.delete(bucket, key);
            return null;
        });
    }

    @Override
    public ListPage list(String bucket, ListQuery query) {
        return timed("list", () -> delegate.list(bucket, query));
    }

    @Override
    public PartInfo putPart(String bucket, String key, String uploadId, int partNumber, ObjectBody body) {
        return timed("putPart", () -> delegate.putPart(bucket, key, uploadId, partNumber, body));
    }

    @Override
    public ObjectInfo completeUpload(String bucket, String key, String uploadId, List<CompletedPart> parts) {
        return timed("completeUpload", () -> delegate.completeUpload(bucket, key, uploadId, parts));
    }
}
