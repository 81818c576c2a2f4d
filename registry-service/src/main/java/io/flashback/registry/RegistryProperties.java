package io.flashback.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code flashback.registry.*}: this service's settings, validated at start.
 *
 * @param operatorWallets      wallets (0x addresses) that get the OPERATOR role
 * @param heartbeatTimeout     a node silent for longer is marked OFFLINE
 * @param offlineCheckInterval how often silent nodes are looked for
 * @param siwe                 what a Sign-In with Ethereum message must say
 * @param tokens               access and refresh tokens and the keys that sign them
 * @param nodes                bridge-node announcements, claims and heartbeats
 * @param certification        the platform's automated certification of bridge nodes
 * @param anonymousLimits      how many rows a client may create without a token
 */
@Validated
@ConfigurationProperties("flashback.registry")
public record RegistryProperties(@DefaultValue List<@Pattern(regexp = "0x[0-9a-fA-F]{40}") String> operatorWallets,
                                 @DefaultValue("5m") @NotNull Duration heartbeatTimeout,
                                 @DefaultValue("30s") @NotNull Duration offlineCheckInterval,
                                 @Valid @NotNull Siwe siwe,
                                 @Valid @DefaultValue Tokens tokens,
                                 @Valid @DefaultValue Nodes nodes,
                                 @Valid @DefaultValue Chain chain,
                                 @Valid @DefaultValue Certification certification,
                                 @Valid @DefaultValue AnonymousLimits anonymousLimits) {

    /**
     * Requests that create rows without a token, counted per client IP and window in PostgreSQL so
     * that the limit holds across registry instances (#13 L8). A wallet needs one nonce per sign-in
     * and a node announces itself at start, so the defaults leave ample room for people sharing an
     * address (a NAT) while bounding what one address can make the database store.
     *
     * @param window                 length of a counting window (fixed windows)
     * @param noncesPerClient        {@code POST /auth/nonce} per client IP and window
     * @param announcementsPerClient {@code POST /nodes/announce} per client IP and window
     */
    public record AnonymousLimits(@DefaultValue("1m") @NotNull Duration window, @DefaultValue("60") @Positive int noncesPerClient,
                                  @DefaultValue("20") @Positive int announcementsPerClient) {

        public AnonymousLimits {
            if (window != null && (window.isNegative() || window.toMillis() == 0)) {
                throw new IllegalArgumentException("flashback.registry.anonymous-limits.window must be at least 1 ms, not " + window);
            }
        }
    }

    /**
     * Certification runs against active nodes' public endpoints (see {@code certification.CertifyBridgeNodes}).
     *
     * @param enabled          whether this instance looks for nodes due a run
     * @param scanInterval     how often due nodes are looked for
     * @param validity         how long a passed run certifies a node
     * @param renewBefore      a certified node is checked again this long before its certification ends
     * @param retryAfter       a node that failed is checked again after this long (its provider may ask sooner)
     * @param requestInterval  the shortest time between two runs a provider asks for
     * @param credentialWait   how long the node may take to fetch and honour the run's test credentials
     * @param requestTimeout   how long one S3 request of a run may take
     * @param throughputBytes  size of the objects uploaded and downloaded to measure throughput
     * @param latencySamples   small GETs timed to measure latency (the median counts)
     * @param maxLatency       a median latency above this fails the run
     * @param minThroughput    an upload or download throughput (bytes/s) below this fails the run
     * @param goldLatency      the median latency a node may have at most for the GOLD tier
     * @param goldThroughput   the upload and download throughput (bytes/s) it needs at least for GOLD
     * @param silverLatency    the same for the SILVER tier (a node that passes below SILVER is BRONZE)
     * @param silverThroughput the same for the SILVER tier
     * @param paymentValidity  how long a consumer stays PAYMENT_VERIFIED after its latest funded agreement
     */
    public record Certification(@DefaultValue("true") boolean enabled, @DefaultValue("1m") @NotNull Duration scanInterval,
                                @DefaultValue("30d") @NotNull Duration validity, @DefaultValue("1d") @NotNull Duration renewBefore,
                                @DefaultValue("1h") @NotNull Duration retryAfter, @DefaultValue("5m") @NotNull Duration requestInterval,
                                @DefaultValue("2m") @NotNull Duration credentialWait, @DefaultValue("30s") @NotNull Duration requestTimeout,
                                @DefaultValue("8388608") @Positive int throughputBytes, @DefaultValue("9") @Positive int latencySamples,
                                @DefaultValue("2s") @NotNull Duration maxLatency, @DefaultValue("262144") @Positive long minThroughput,
                                @DefaultValue("100ms") @NotNull Duration goldLatency, @DefaultValue("33554432") @Positive long goldThroughput,
                                @DefaultValue("500ms") @NotNull Duration silverLatency, @DefaultValue("8388608") @Positive long silverThroughput,
                                @DefaultValue("365d") @NotNull Duration paymentValidity) {
    }

    /**
     * Following BridgeNodeRegistry's events (claims on chain, collateral) from a cursor kept in the database.
     *
     * @param rpcUrl            the chain's JSON-RPC URL; nothing is followed without it
     * @param minimumCollateral collateral (staking token's smallest unit) a claimed node needs to be ACTIVE
     * @param confirmations     blocks on top of a block before its events are read
     * @param maxBlocks         blocks read per poll
     * @param pollInterval      how often the chain is read
     */
    public record Chain(String rpcUrl, @DefaultValue("1000000000000000000000") @NotNull java.math.BigInteger minimumCollateral,
                        @DefaultValue("12") int confirmations, @DefaultValue("2000") @Positive int maxBlocks,
                        @DefaultValue("5s") @NotNull Duration pollInterval) {
    }

    /**
     * @param domain    the authority the dashboard is served from, as wallets put it in the message
     * @param uriPrefix the message URI must start with it (the dashboard's origin)
     * @param chainId   the EIP-155 chain id of the platform's contracts
     * @param nonceTtl  how long a nonce may wait to be used
     * @param maxAge    how old a message's Issued At may be
     * @param clockSkew tolerance for wallets' clocks
     */
    public record Siwe(@NotBlank String domain, @NotBlank String uriPrefix, @Positive long chainId,
                       @DefaultValue("5m") @NotNull Duration nonceTtl, @DefaultValue("10m") @NotNull Duration maxAge,
                       @DefaultValue("1m") @NotNull Duration clockSkew) {
    }

    /**
     * @param accessTokenTtl       lifetime of an access token (JWT)
     * @param refreshTokenTtl      lifetime of a refresh token (single use, rotated on each use)
     * @param keyRotation          a signing key older than this is replaced; the old one stays in the
     *                             JWKS until the tokens it signed have expired
     * @param keyEncryptionKey     base64 of 32 bytes that encrypt the signing keys at rest (AES-256-GCM)
     * @param keyEncryptionKeyFile or a file holding that base64 text
     * @param createKeyEncryptionKeyFile make that file with a random key when it does not exist
     *                                   (the {@code local} profile; in production a missing file is an error)
     */
    public record Tokens(@DefaultValue("15m") @NotNull Duration accessTokenTtl, @DefaultValue("7d") @NotNull Duration refreshTokenTtl,
                         @DefaultValue("24h") @NotNull Duration keyRotation, String keyEncryptionKey, Path keyEncryptionKeyFile,
                         @DefaultValue("false") boolean createKeyEncryptionKeyFile) {

        /** Never prints the key-encryption key. */
        @Override
        public String toString() {
            return "Tokens[accessTokenTtl=" + accessTokenTtl + ", refreshTokenTtl=" + refreshTokenTtl + ", keyRotation=" + keyRotation
                    + ", keyEncryptionKey=" + (keyEncryptionKey == null ? "unset" : "(hidden)") + ", keyEncryptionKeyFile=" + keyEncryptionKeyFile
                    + ", createKeyEncryptionKeyFile=" + createKeyEncryptionKeyFile + "]";
        }
    }

    /**
     * @param signatureWindow  how far a node's signed timestamp may be from the registry's clock
     * @param claimCodeTtl     how long a one-time claim code is valid
     * @param claimDeadline    how long after signing a node's claim may be submitted on chain
     * @param chainId          the chain of the BridgeNodeRegistry contract (EIP-712 domain)
     * @param nodeRegistry     the BridgeNodeRegistry contract address (EIP-712 verifying contract)
     * @param addressBook      or the deployer's address book (JSON with {@code chainId} and {@code registry}),
     *                         read when a claim needs it; claims are refused while neither is there
     */
    public record Nodes(@DefaultValue("5m") @NotNull Duration signatureWindow, @DefaultValue("10m") @NotNull Duration claimCodeTtl,
                        @DefaultValue("24h") @NotNull Duration claimDeadline,
                        Long chainId, @Pattern(regexp = "0x[0-9a-fA-F]{40}") String nodeRegistry, Path addressBook) {
    }
}
