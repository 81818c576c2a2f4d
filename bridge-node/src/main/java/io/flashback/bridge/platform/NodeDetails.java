package io.flashback.bridge.platform;

import java.util.List;

/**
 * What the node tells the platform about itself when it announces.
 *
 * @param endpoint      the URL consumers reach the node's S3 / GCS API at
 * @param apis          {@code s3}, {@code gcs}
 * @param capacityBytes the storage the node offers
 */
public record NodeDetails(String endpoint, List<String> apis, String region, long capacityBytes, String version) {
    public NodeDetails {
        apis = NodeMessages.canonicalApis(apis);
    }
}
