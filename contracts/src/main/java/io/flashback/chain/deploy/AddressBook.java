package io.flashback.chain.deploy;

import io.flashback.chain.Address;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where a deployment put everything, and the parameters services need with it. Written as JSON by
 * the deployer; read by the launcher and the services. {@code deploymentBlock} is where event cursors
 * should start.
 */
public record AddressBook(long chainId, long deploymentBlock, Address governance, Address stakingToken,
                          Address paymentToken, Address priceFeed, Address registry, Address oracleHub,
                          Address escrow, Address treasury, List<Address> validators, int threshold,
                          long genesisTime, long epochLengthSeconds, long unbondingPeriodSeconds,
                          int platformFeeBps, int settlementGraceEpochs) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public AddressBook {
        validators = List.copyOf(validators);
    }

    /** The contracts whose events services follow. */
    public List<Address> eventSources() {
        return List.of(registry, escrow, oracleHub);
    }

    public void write(Path file) {
        ObjectNode node = JSON.createObjectNode();
        node.put("chainId", chainId);
        node.put("deploymentBlock", deploymentBlock);
        node.put("governance", governance.value());
        node.put("stakingToken", stakingToken.value());
        node.put("paymentToken", paymentToken.value());
        node.put("priceFeed", priceFeed.value());
        node.put("registry", registry.value());
        node.put("oracleHub", oracleHub.value());
        node.put("escrow", escrow.value());
        node.put("treasury", treasury.value());
        var array = node.putArray("validators");
        validators.forEach(v -> array.add(v.value()));
        node.put("threshold", threshold);
        node.put("genesisTime", genesisTime);
        node.put("epochLengthSeconds", epochLengthSeconds);
        node.put("unbondingPeriodSeconds", unbondingPeriodSeconds);
        node.put("platformFeeBps", platformFeeBps);
        node.put("settlementGraceEpochs", settlementGraceEpochs);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = parent.resolve(file.getFileName() + ".tmp");
            Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AddressBook read(Path file) {
        JsonNode n = JSON.readTree(file.toFile());
        return new AddressBook(
                n.get("chainId").asLong(),
                n.get("deploymentBlock").asLong(),
                address(n, "governance"),
                address(n, "stakingToken"),
                address(n, "paymentToken"),
                address(n, "priceFeed"),
                address(n, "registry"),
                address(n, "oracleHub"),
                address(n, "escrow"),
                address(n, "treasury"),
                n.get("validators").valueStream().map(v -> Address.of(v.asString())).toList(),
                n.get("threshold").asInt(),
                n.get("genesisTime").asLong(),
                n.get("epochLengthSeconds").asLong(),
                n.get("unbondingPeriodSeconds").asLong(),
                n.get("platformFeeBps").asInt(),
                n.get("settlementGraceEpochs").asInt());
    }

    private static Address address(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("address book has no " + field);
        }
        return Address.of(value.asString());
    }
}
