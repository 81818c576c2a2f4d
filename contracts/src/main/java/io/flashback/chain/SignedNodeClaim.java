package io.flashback.chain;

/** A node claim with the node key's signature, ready for the provider to submit. */
public record SignedNodeClaim(NodeClaim claim, Signature signature) {
}
