package io.flashback.bridge.grants;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grants in force come from two places, each replaced as a whole without a restart: the local ones (command line
 * and grants file) and the platform's (grant sync). Their union goes into {@link Grants#replaceAll}, so a reload of
 * the file keeps the platform's grants and a sync keeps the local ones. A platform key that is also a local key is
 * left out: the operator's own grant wins, and the clash is logged.
 */
public final class GrantLayers {
    private static final Logger log = LoggerFactory.getLogger(GrantLayers.class);

    private final Grants grants;
    private List<Grant> local;
    private List<Grant> platform = List.of();
    private Set<String> clashesLogged = Set.of();

    public GrantLayers(Grants grants, Collection<Grant> local) {
        this.grants = grants;
        this.local = List.copyOf(local);
        apply();
    }

    /** New local grants (a changed grants file); fails like {@link Grants#replaceAll} on a duplicate local key. */
    public synchronized void replaceLocal(Collection<Grant> grants) {
        List<Grant> previous = local;
        local = List.copyOf(grants);
        try {
            apply();
        } catch (RuntimeException e) {
            local = previous;
            throw e;
        }
    }

    /** New platform grants (a grant sync). */
    public synchronized void replacePlatform(Collection<Grant> grants) {
        platform = List.copyOf(grants);
        apply();
    }

    public synchronized List<Grant> platform() {
        return platform;
    }

    private void apply() {
        Set<String> localKeys = new LinkedHashSet<>();
        local.forEach(grant -> localKeys.add(grant.accessKey()));
        List<Grant> merged = new ArrayList<>(local);
        Set<String> clashes = new LinkedHashSet<>();
        for (Grant grant : platform) {
            if (localKeys.contains(grant.accessKey())) clashes.add(grant.accessKey());
            else merged.add(grant);
        }
        if (!clashes.isEmpty() && !clashes.equals(clashesLogged)) {
            log.warn("platform grants for access keys {} are not applied: local grants use the same keys", clashes);
        }
        clashesLogged = clashes;
        grants.replaceAll(merged);
    }

    @Override
    public synchronized String toString() {
        return "GrantLayers[local=" + local.size() + ", platform=" + platform.size() + "]";
    }
}
