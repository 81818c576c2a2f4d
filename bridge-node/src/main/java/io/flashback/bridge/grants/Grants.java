package io.flashback.bridge.grants;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The grants in force, swapped atomically as a whole when a source delivers new ones. */
public final class Grants {
    private final AtomicReference<Map<String, Grant>> byKey = new AtomicReference<>(Map.of());

    public Grants(Collection<Grant> initial) {
        replaceAll(initial);
    }

    public Optional<Grant> byAccessKey(String accessKey) {
        return Optional.ofNullable(byKey.get().get(accessKey));
    }

    public List<Grant> all() {
        return List.copyOf(byKey.get().values());
    }

    public void replaceAll(Collection<Grant> grants) {
        Map<String, Grant> m = new LinkedHashMap<>();
        for (Grant g : grants) {
            if (m.put(g.accessKey(), g) != null) throw new IllegalArgumentException("duplicate access key " + g.accessKey());
        }
        byKey.set(Map.copyOf(m));
    }
}
