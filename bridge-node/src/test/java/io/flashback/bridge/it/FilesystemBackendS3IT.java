package io.flashback.bridge.it;

import io.flashback.bridge.node.BridgeNode;

/** The S3 contract against the default filesystem backend. */
class FilesystemBackendS3IT extends S3ApiContract {
    private BridgeNode node;

    @Override
    protected String startNode() {
        node = NodeFixtures.filesystemNode();
        return node.endpoint();
    }

    @Override
    protected void stopNode() {
        node.close();
    }
}
