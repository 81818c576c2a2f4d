package io.flashback.security.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * For services' tests: an HTTP server publishing a JWKS in the registry's place, and access tokens
 * signed with its key exactly as the registry issues them (ES256, issuer and audience
 * {@code flashback}, {@code roles}, {@code scope}, {@code accounts}, a node's {@code node_key}). Shipped in this module's test jar.
 */
public final class RegistryStandIn {

    private final ECKey key;
    private final HttpServer server;

    private RegistryStandIn(ECKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    public static RegistryStandIn start() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
            return new RegistryStandIn(key, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test signing key", e);
        }
    }

    /** The value for {@code flashback.security.jwks-uri}. */
    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** An {@code Authorization} header value for a wallet with the given {role: account id}. */
    public String bearer(String wallet, Map<String, UUID> accounts) {
        return sign(claims(wallet).claim("roles", List.copyOf(accounts.keySet()))
                .claim("accounts", accounts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().toString())))
                .build());
    }

    /**
     * An {@code Authorization} header value for a bridge node's token as the registry issues it: subject
     * {@code node:<id>}, role NODE, and {@code node_key}, the node's public key ({@code 0x04…} hex).
     */
    public String nodeBearer(String nodeId, String nodeKey) {
        return sign(claims("node:" + nodeId).claim("roles", List.of("NODE")).claim("node_key", nodeKey).build());
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().issuer("flashback").audience("flashback").subject(subject)
                .issueTime(new Date()).notBeforeTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString()).claim("scope", "read write");
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return "Bearer " + jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }
}
