package io.flashback.security;

/**
 * The claims of the access tokens registry-service issues (ES256 JWTs, published keys at its JWKS
 * URL) and every service reads.
 */
public final class FlashbackClaims {

    /** The caller's roles: CONSUMER, PROVIDER, OPERATOR, VALIDATOR, NODE. */
    public static final String ROLES = "roles";
    /** Space-separated scopes: {@code read}, {@code write}, {@code admin}. */
    public static final String SCOPE = "scope";
    /** For a token exchanged for an API key: the key's public id. */
    public static final String API_KEY = "api_key";
    /** The account id of each role the wallet registered, as an object {role: id}. */
    public static final String ACCOUNTS = "accounts";

    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String ADMIN = "admin";

    private FlashbackClaims() {
    }
}
