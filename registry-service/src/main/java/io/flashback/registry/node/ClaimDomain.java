package io.flashback.registry.node;

import io.flashback.registry.RegistryProperties;
import io.flashback.registry.Rejection;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The chain and BridgeNodeRegistry contract node claims are signed for (their EIP-712 domain):
 * configured, or read from the deployer's address book when a claim needs it (so a local chain
 * redeployed by the launcher is picked up without a restart).
 */
@Component
class ClaimDomain {

    /** {@code deploymentBlock}: where following the registry's events starts (0 when configured by hand). */
    record Domain(long chainId, String registry, long deploymentBlock) {
    }

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RegistryProperties.Nodes settings;

    ClaimDomain(RegistryProperties properties) {
        this.settings = properties.nodes();
    }

    boolean known() {
        try {
            current();
            return true;
        } catch (Rejection notYet) {
            return false;
        }
    }

    Domain current() {
        if (settings.chainId() != null && settings.nodeRegistry() != null) {
            return new Domain(settings.chainId(), settings.nodeRegistry().toLowerCase(Locale.ROOT), 0);
        }
        if (settings.addressBook() != null && Files.isRegularFile(settings.addressBook())) {
            JsonNode book = JSON.readTree(settings.addressBook().toFile());
            String registry = book.path("registry").asString("");
            if (book.path("chainId").canConvertToLong() && ADDRESS.matcher(registry).matches()) {
                return new Domain(book.path("chainId").asLong(), registry.toLowerCase(Locale.ROOT), book.path("deploymentBlock").asLong(0));
            }
        }
        throw new Rejection(Rejection.Kind.UNAVAILABLE, "Node claims not configured",
                "this registry does not know the BridgeNodeRegistry contract yet (flashback.registry.nodes.chain-id and node-registry, "
                        + "or an address book)");
    }
}
