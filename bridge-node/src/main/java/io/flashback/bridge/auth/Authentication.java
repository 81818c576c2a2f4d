package io.flashback.bridge.auth;

import io.flashback.bridge.grants.Grant;

/**
 * A verified request: whose grant it uses and how its body must be checked.
 *
 * @param payloadSha256 the hex SHA-256 the body must have, for {@link PayloadMode#SIGNED}
 * @param streaming     chunk-signature context for {@link PayloadMode#STREAMING_SIGNED}*, else null
 */
public record Authentication(Grant grant, PayloadMode payloadMode, String payloadSha256, StreamingContext streaming) {}
