package io.flashback.registry.node;

/**
 * Where a bridge node is in its onboarding. ANNOUNCED: known, nobody's yet. CLAIMED: bound to a
 * provider wallet by a claim the node signed (to be submitted on chain by the provider). ACTIVE and
 * INACTIVE follow the node's on-chain collateral against the required minimum. Being offline is
 * separate (a node of any state can be silent).
 */
public enum NodeState {
    ANNOUNCED, CLAIMED, ACTIVE, INACTIVE
}
