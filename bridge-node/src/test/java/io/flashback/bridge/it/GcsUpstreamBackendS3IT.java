package io.flashback.bridge.it;

import io.flashback.bridge.grants.Access;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.node.BridgeNode;
import io.flashback.bridge.node.NodeConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The S3 contract against the GCS-upstream backend, whose upstream is a second bridge node
 * spoken to through its GCS JSON API with the official google-cloud-storage client.
 */
class GcsUpstreamBackendS3IT extends S3ApiContract {
    private static final String UPSTREAM_KEY = "AKIDGCSUPSTREAM";
    private static final String UPSTREAM_SECRET = "gcs/upstream/secret";
    private BridgeNode upstream;
    private BridgeNode front;

    @Override
    protected String startNode() {
        upstream = BridgeNode.start(NodeConfig.filesystem(0, 0, NodeFixtures.tempDir("gcs-upstream"),
                List.of(new Grant(UPSTREAM_KEY, UPSTREAM_SECRET, "provider", List.of("*"), Long.MAX_VALUE / 2, Access.READ_WRITE))));
        front = BridgeNode.start(NodeConfig.filesystem(0, 0, NodeFixtures.tempDir("gcs-front"), NodeFixtures.grants())
                .withBodyTimeout(Duration.ofSeconds(5))
                .withUpstream("gcs", URI.create(upstream.endpoint()), UPSTREAM_KEY, UPSTREAM_SECRET, "p"));
        return front.endpoint();
    }

    @Override
    protected void stopNode() {
        front.close();
        upstream.close();
    }
}
