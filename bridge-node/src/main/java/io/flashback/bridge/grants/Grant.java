package io.flashback.bridge.grants;

import java.util.List;
import java.util.Objects;

/**
 * The right of one access key to use some buckets of this node.
 *
 * @param buckets    bucket names; an entry ending in {@code *} matches every bucket with that prefix
 * @param quotaBytes  bytes the grant's buckets may hold together
 * @param agreementId the platform agreement the grant serves (its usage is metered and shipped to the
 *                    oracle under this id), or {@code null} for a local grant from a file or the command line
 */
public record Grant(String accessKey, String secret, String owner, List<String> buckets, long quotaBytes, Access access,
                    String agreementId) {

    public Grant {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secret, "secret");
        if (accessKey.isBlank() || secret.isBlank()) throw new IllegalArgumentException("access key and secret must not be blank");
        if (quotaBytes < 0) throw new IllegalArgumentException("quota must not be negative");
        owner = owner == null || owner.isBlank() ? accessKey : owner;
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
        access = access == null ? Access.READ_WRITE : access;
        agreementId = agreementId == null || agreementId.isBlank() ? null : agreementId;
    }

    /** A local grant, serving no platform agreement. */
    public Grant(String accessKey, String secret, String owner, List<String> buckets, long quotaBytes, Access access) {
        this(accessKey, secret, owner, buckets, quotaBytes, access, null);
    }

    public boolean covers(String bucket) {
        for (String pattern : buckets) {
            if (pattern.endsWith("*") ? bucket.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(bucket)) {
                return true;
            }
        }
        return false;
    }

    public boolean canWrite() {
        return access == Access.READ_WRITE;
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return "Grant[accessKey=" + accessKey + ", owner=" + owner + ", buckets=" + buckets + ", quotaBytes=" + quotaBytes
                + ", access=" + access + (agreementId == null ? "" : ", agreementId=" + agreementId) + "]";
    }
}
