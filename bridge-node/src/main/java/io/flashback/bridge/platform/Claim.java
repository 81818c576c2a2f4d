package io.flashback.bridge.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;
import tools.jackson.databind.JsonNode;

/**
 * Step 3 of onboarding (issue #5): with the code its provider got from the platform, the node fetches the claim
 * terms ({@code POST /nodes/{id}/claim-terms}), checks they bind <em>this</em> node to the provider the terms name,
 * signs the EIP-712 {@code NodeClaim(bytes32 nodeId,address provider,uint256 nonce,uint256 deadline)} in the
 * domain {@code ("Flashback BridgeNodeRegistry","1",chainId,registry)} (https://eips.ethereum.org/EIPS/eip-712)
 * with the node key, and submits it ({@code POST /nodes/{id}/claim}). The provider then sends the signed claim to
 * BridgeNodeRegistry with its own wallet.
 */
public final class Claim {
    static final String DOMAIN_NAME = "Flashback BridgeNodeRegistry";
    static final List<String> CLAIM_FIELDS = List.of("nodeId:bytes32", "provider:address", "nonce:uint256", "deadline:uint256");
    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");

    private final PlatformClient client;
    private final NodeKey key;
    private final Path dataDir;

    public Claim(PlatformClient client, NodeKey key, Path dataDir) {
        this.client = client;
        this.key = key;
        this.dataDir = dataDir;
    }

    /** The node is now its provider's (on the platform; on chain once the provider sends the claim). */
    public record Claimed(UUID nodeId, String provider, long deadline) {}

    /**
     * A claim code as the platform shows it ({@code XXXX-XXXX-XXXX}); lower case, spaces and missing dashes are
     * forgiven. Anything else is an {@link IllegalArgumentException} naming the expected form.
     */
    public static String normalizeCode(String code) {
        String compact = code == null ? "" : code.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        String formatted = compact.length() == 12 ? compact.substring(0, 4) + "-" + compact.substring(4, 8) + "-" + compact.substring(8) : compact;
        if (!CODE.matcher(formatted).matches()) {
            throw new IllegalArgumentException("'" + code + "' is not a claim code: expected 12 letters or digits like ABCD-EFGH-2345");
        }
        return formatted;
    }

    public Claimed submit(Registration registration, String code) {
        String normalized = normalizeCode(code);
        UUID nodeId = registration.nodeId();
        JsonNode terms = client.claimTerms(nodeId, normalized);
        String provider = terms.path("provider").asString();
        long deadline = terms.path("deadline").asLong();
        String signature = key.signDigest(digest(terms, nodeId, key.address()));
        JsonNode claimed = client.claim(nodeId, normalized, deadline, signature);
        String boundTo = claimed.path("providerWallet").asString(provider);
        registration.claimedBy(boundTo).write(dataDir);
        return new Claimed(nodeId, boundTo, deadline);
    }

    /**
     * The EIP-712 digest of the terms' typed data, after checking that it is a NodeClaim of this node's id, for the
     * provider and deadline the terms name: the node never signs a claim it did not ask for.
     */
    static byte[] digest(JsonNode terms, UUID nodeId, String nodeAddress) {
        JsonNode typed = terms.path("typedData");
        JsonNode message = typed.path("message");
        String provider = terms.path("provider").asString("");
        long deadline = terms.path("deadline").asLong(-1);
        require(terms.path("nodeAddress").isMissingNode() || terms.path("nodeAddress").asString().equalsIgnoreCase(nodeAddress),
                "the terms are for node address " + terms.path("nodeAddress").asString() + ", not this node's " + nodeAddress);
        require("NodeClaim".equals(typed.path("primaryType").asString("")), "the typed data is not a NodeClaim");
        require(DOMAIN_NAME.equals(typed.path("domain").path("name").asString("")) && "1".equals(typed.path("domain").path("version").asString("")),
                "the typed data's domain is not BridgeNodeRegistry's");
        List<String> fields = new java.util.ArrayList<>();
        typed.path("types").path("NodeClaim").forEach(field -> fields.add(field.path("name").asString() + ":" + field.path("type").asString()));
        require(fields.equals(CLAIM_FIELDS), "the NodeClaim type is not " + CLAIM_FIELDS);
        require(nodeIdBytes32(nodeId).equalsIgnoreCase(message.path("nodeId").asString("")), "the claim is for another node id");
        require(provider.matches("0x[0-9a-fA-F]{40}") && provider.equalsIgnoreCase(message.path("provider").asString("")),
                "the claim's provider does not match the terms");
        require(deadline > 0 && message.path("deadline").asLong(-2) == deadline, "the claim's deadline does not match the terms");
        try {
            return new StructuredDataEncoder(PlatformClient.JSON.writeValueAsString(typed)).hashStructuredData();
        } catch (IOException | RuntimeException e) {
            throw new PlatformException(200, "Unusable claim terms", "the typed data cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** The platform's UUID left-aligned in 32 bytes, as BridgeNodeRegistry stores node ids. */
    static String nodeIdBytes32(UUID nodeId) {
        return Numeric.toHexString(ByteBuffer.allocate(32).putLong(nodeId.getMostSignificantBits())
                .putLong(nodeId.getLeastSignificantBits()).array());
    }

    private static void require(boolean condition, String problem) {
        if (!condition) throw new PlatformException(200, "Unexpected claim terms", problem + "; the node did not sign", null);
    }
}
