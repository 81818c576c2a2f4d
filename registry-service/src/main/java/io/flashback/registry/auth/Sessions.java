package io.flashback.registry.auth;

import io.flashback.registry.RegistryProperties;
import io.flashback.registry.apikey.ApiKeyVerifier;
import io.flashback.registry.identity.Eip191;
import io.flashback.registry.identity.SignInRejected;
import io.flashback.registry.identity.SiweMessage;
import io.flashback.registry.identity.SiwePolicy;
import io.flashback.security.FlashbackClaims;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sign-in with a wallet (EIP-4361 message + ERC-191 signature), refresh, and API keys exchanged
 * for access tokens. A wallet session may do everything its roles allow (scopes read, write,
 * admin); a program only what its key's scopes allow.
 */
class Sessions {

    /** The session an access token belongs to (its refresh-token family), so that signing out can revoke it (#13 L3). */
    static final String SESSION_ID = "sid";

    static final List<String> SESSION_SCOPES = List.of(FlashbackClaims.READ, FlashbackClaims.WRITE, FlashbackClaims.ADMIN);

    record Session(String accessToken, String tokenType, long expiresIn, Instant expiresAt, String refreshToken,
                   Instant refreshTokenExpiresAt, String subject, Set<String> roles) {
    }

    record ProgramToken(String accessToken, String tokenType, long expiresIn, Instant expiresAt, String subject,
                        Set<String> roles, List<String> scopes) {
    }

    private final SiweNonces nonces;
    private final SiwePolicy policy;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final WalletRoles walletRoles;
    private final ApiKeyVerifier apiKeys;
    private final RegistryProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Sessions(SiweNonces nonces, SiwePolicy policy, AccessTokens accessTokens, RefreshTokens refreshTokens, WalletRoles walletRoles,
             ApiKeyVerifier apiKeys, RegistryProperties properties, TransactionTemplate transactions, Clock clock) {
        this.nonces = nonces;
        this.policy = policy;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.walletRoles = walletRoles;
        this.apiKeys = apiKeys;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    SiweNonces.Issued nonce() {
        return nonces.issue(clock.instant(), properties.siwe().nonceTtl());
    }

    Session signIn(String text, String signature) {
        SiweMessage message = SiweMessage.parse(text);
        Instant now = clock.instant();
        policy.check(message, now);
        String signer = Eip191.recover(text, signature);
        if (!signer.equals(message.wallet())) {
            throw new SignInRejected("the message was signed by " + signer + ", not by " + message.wallet());
        }
        return transactions.execute(status -> {
            if (!nonces.consume(message.nonce(), now)) {
                throw new SignInRejected("the nonce is unknown, expired or already used; ask for a new one");
            }
            return session(message.wallet(), UUID.randomUUID(), now);
        });
    }

    Session refresh(String refreshToken) {
        Instant now = clock.instant();
        RefreshTokens.Redeemed redeemed = refreshTokens.redeem(refreshToken, now);
        return transactions.execute(status -> session(redeemed.subject(), redeemed.family(), now));
    }

    void signOut(String refreshToken) {
        refreshTokens.revoke(refreshToken, clock.instant());
    }

    ProgramToken forApiKey(String presented) {
        ApiKeyVerifier.VerifiedKey key = apiKeys.verify(presented);
        WalletRoles.Grant grant = walletRoles.of(key.owner());
        AccessTokens.Issued issued = accessTokens.issue(key.owner(), grant.roles(), key.scopes(), grant.accounts(), key.id());
        return new ProgramToken(issued.token(), "Bearer", accessTokens.ttl().toSeconds(), issued.expiresAt(), key.owner(),
                grant.roles(), key.scopes());
    }

    private Session session(String wallet, UUID family, Instant now) {
        WalletRoles.Grant grant = walletRoles.of(wallet);
        AccessTokens.Issued access = accessTokens.issue(wallet, grant.roles(), SESSION_SCOPES, grant.accounts(), null,
                Map.of(SESSION_ID, family.toString()));
        RefreshTokens.Issued refresh = refreshTokens.issue(wallet, family, now, properties.tokens().refreshTokenTtl());
        return new Session(access.token(), "Bearer", accessTokens.ttl().toSeconds(), access.expiresAt(), refresh.token(),
                refresh.expiresAt(), wallet, grant.roles());
    }

    Map<String, Object> describe() {
        return Map.of("domain", properties.siwe().domain(), "uriPrefix", properties.siwe().uriPrefix(), "chainId", properties.siwe().chainId());
    }
}
