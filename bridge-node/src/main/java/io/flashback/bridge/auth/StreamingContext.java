package io.flashback.bridge.auth;

/** What the chunk decoder needs to verify chunk and trailer signatures chained from the seed. */
public record StreamingContext(byte[] signingKey, String amzDate, String scope, String seedSignature) {}
