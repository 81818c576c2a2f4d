package io.flashback.bridge.it;

import io.flashback.bridge.grants.Access;
import io.flashback.bridge.grants.Grant;
import io.flashback.bridge.node.BridgeNode;
import io.flashback.bridge.node.NodeConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The S3 contract against the S3-upstream backend, whose upstream is a second bridge node
 * (filesystem backend): the front node re-signs everything with its own upstream credentials.
 */
class S3UpstreamBackendS3IT extends S3ApiContract {
    private static final String UPSTREAM_KEY = "AKIDUPSTREAMNODE";
    private static final String UPSTREAM_SECRET = "upstream/secret";
    private BridgeNode upstream;
    private BridgeNode front;

    @Override
    protected String startNode() {
        upstream = BridgeNode.start(NodeConfig.filesystem(0, 0, NodeFixtures.tempDir("upstream"),
                List.of(new Grant(UPSTREAM_KEY, UPSTREAM_SECRET, "provider", List.of("*"), Long.MAX_VALUE / 2, Access.READ_WRITE))));
        front = BridgeNode.start(NodeConfig.filesystem(0, 0, NodeFixtures.tempDir("front"), NodeFixtures.grants())
                .withBodyTimeout(Duration.ofSeconds(5))
                .withUpstream("s3", URI.create(upstream.endpoint()), UPSTREAM_KEY, UPSTREAM_SECRET, null));
        return front.endpoint();
    }

    @Override
    protected void stopNode() {
        front.close();
        upstream.close();
    }
}
