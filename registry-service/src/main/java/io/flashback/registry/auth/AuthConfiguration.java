package io.flashback.registry.auth;

import io.flashback.registry.revocation.TokenRevocations;
import io.flashback.registry.RegistryProperties;
import io.flashback.registry.account.AccountDirectory;
import io.flashback.registry.apikey.ApiKeyVerifier;
import io.flashback.registry.identity.SiwePolicy;
import io.flashback.security.FlashbackSecurityProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * Identity wiring. {@link SigningKeys} is also the {@code JWKSource} platform-security validates
 * this service's own tokens with, so the registry never calls its own JWKS URL.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    KeyEncryption keyEncryption(RegistryProperties properties) {
        return KeyEncryption.from(properties.tokens());
    }

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc, TransactionTemplate transactions, KeyEncryption keyEncryption, RegistryProperties properties,
                            FlashbackSecurityProperties security, Clock clock) {
        return new SigningKeys(jdbc, transactions, keyEncryption, properties.tokens(), security.clockSkew(), clock);
    }

    @Bean
    AccessTokens accessTokens(SigningKeys keys, FlashbackSecurityProperties security, RegistryProperties properties, Clock clock) {
        return new AccessTokens(keys, security, properties.tokens().accessTokenTtl(), clock);
    }

    @Bean
    TokenRevocations tokenRevocations(JdbcClient jdbc, RegistryProperties properties, FlashbackSecurityProperties security, Clock clock) {
        return new TokenRevocations(jdbc, properties.tokens().accessTokenTtl(), security.clockSkew(), clock);
    }

    @Bean
    WalletRoles walletRoles(AccountDirectory accounts, RegistryProperties properties) {
        return new WalletRoles(accounts, properties.operatorWallets());
    }

    @Bean
    Sessions sessions(SiweNonces nonces, AccessTokens accessTokens, RefreshTokens refreshTokens, WalletRoles walletRoles,
                      ApiKeyVerifier apiKeys, RegistryProperties properties, TransactionTemplate transactions, Clock clock) {
        RegistryProperties.Siwe siwe = properties.siwe();
        return new Sessions(nonces, new SiwePolicy(siwe.domain(), siwe.uriPrefix(), siwe.chainId(), siwe.maxAge(), siwe.clockSkew()),
                accessTokens, refreshTokens, walletRoles, apiKeys, properties, transactions, clock);
    }

    @Bean
    KeyRotationJob keyRotationJob(SigningKeys keys) {
        return new KeyRotationJob(keys);
    }

    /** Checks every minute whether the signing key is due for rotation (the check is one indexed query). */
    static class KeyRotationJob {

        private final SigningKeys keys;

        KeyRotationJob(SigningKeys keys) {
            this.keys = keys;
        }

        @EventListener(ApplicationReadyEvent.class)
        @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
        void rotateIfDue() {
            keys.rotateIfDue();
        }
    }
}
