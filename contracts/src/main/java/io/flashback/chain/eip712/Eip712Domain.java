package io.flashback.chain.eip712;

import io.flashback.chain.Address;
import io.flashback.chain.Bytes32;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * An EIP-712 signing domain with name, version, chain id and verifying contract
 * (https://eips.ethereum.org/EIPS/eip-712#definition-of-domainseparator), as OpenZeppelin's EIP712
 * builds it. Binding the chain id and the contract address is what stops a signature made for one
 * chain or one deployment from being replayed on another.
 */
public record Eip712Domain(String name, String version, long chainId, Address verifyingContract) {

    static final byte[] DOMAIN_TYPEHASH = Hash.sha3(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)".getBytes(StandardCharsets.UTF_8));

    /** The domain BridgeNodeRegistry signs claims in. */
    public static Eip712Domain bridgeNodeRegistry(long chainId, Address registry) {
        return new Eip712Domain("Flashback BridgeNodeRegistry", "1", chainId, registry);
    }

    /** The domain OracleHub signs epoch reports in. */
    public static Eip712Domain oracleHub(long chainId, Address hub) {
        return new Eip712Domain("Flashback OracleHub", "1", chainId, hub);
    }

    public Bytes32 separator() {
        return Bytes32.of(Hash.sha3(TypedData.concat(
                DOMAIN_TYPEHASH,
                TypedData.hashString(name),
                TypedData.hashString(version),
                TypedData.uint(BigInteger.valueOf(chainId)),
                TypedData.address(verifyingContract))));
    }

    /** keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(message)). */
    public Bytes32 digest(Bytes32 structHash) {
        return Bytes32.of(Hash.sha3(TypedData.concat(Numeric.hexStringToByteArray("0x1901"), separator().bytes(), structHash.bytes())));
    }
}
