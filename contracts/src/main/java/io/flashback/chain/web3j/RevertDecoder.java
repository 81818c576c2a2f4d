package io.flashback.chain.web3j;

import io.flashback.chain.ChainException;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.core.methods.response.AbiDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns revert data into the contract's custom error name and arguments (Solidity ≥ 0.8.4 custom
 * errors: 4-byte selector + ABI-encoded arguments), using the ABIs the build copies into the jar.
 */
public final class RevertDecoder {

    private static final List<String> CONTRACTS = List.of(
            "BridgeNodeRegistry", "OracleHub", "SlaEscrow", "FlashToken", "LocalStablecoin", "LocalPriceFeed");

    private record ErrorAbi(String name, List<String> types) {
    }

    private static final Map<String, ErrorAbi> ERRORS = load();

    private RevertDecoder() {
    }

    private static Map<String, ErrorAbi> load() {
        Map<String, ErrorAbi> errors = new HashMap<>();
        errors.put("0x08c379a0", new ErrorAbi("Error", List.of("string")));
        errors.put("0x4e487b71", new ErrorAbi("Panic", List.of("uint256")));
        for (String contract : CONTRACTS) {
            try (InputStream in = RevertDecoder.class.getResourceAsStream("/io/flashback/chain/abi/" + contract + ".abi")) {
                if (in == null) {
                    continue;
                }
                for (AbiDefinition definition : ObjectMapperFactory.getObjectMapper().readValue(in, AbiDefinition[].class)) {
                    if ("error".equals(definition.getType())) {
                        List<String> types = definition.getInputs().stream().map(AbiDefinition.NamedType::getType).toList();
                        String signature = definition.getName() + "(" + String.join(",", types) + ")";
                        errors.put(Hash.sha3String(signature).substring(0, 10), new ErrorAbi(definition.getName(), types));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(errors);
    }

    /** The exception for revert {@code data} (hex, may be null when the node gave none). */
    public static ChainException.Reverted decode(String rawData, String message) {
        // web3j hands over the JSON value as written: a quoted string for anvil and geth
        String data = rawData == null ? null : rawData.strip().replace("\"", "");
        if (data == null || data.length() < 10) {
            return new ChainException.Reverted("Unknown", List.of(), message);
        }
        ErrorAbi error = ERRORS.get(data.substring(0, 10).toLowerCase());
        if (error == null) {
            return new ChainException.Reverted("Unknown", List.of(), message + " (" + data + ")");
        }
        List<Object> arguments = new ArrayList<>();
        try {
            List<TypeReference<Type>> references = new ArrayList<>();
            for (String type : error.types()) {
                @SuppressWarnings("unchecked")
                TypeReference<Type> reference = (TypeReference<Type>) TypeReference.makeTypeReference(type);
                references.add(reference);
            }
            for (Type<?> value : FunctionReturnDecoder.decode("0x" + data.substring(10), references)) {
                arguments.add(value.getValue());
            }
        } catch (ClassNotFoundException | RuntimeException e) {
            arguments.clear();
        }
        String rendered = error.name() + arguments.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        return new ChainException.Reverted(error.name(), arguments, "reverted: " + rendered);
    }
}
