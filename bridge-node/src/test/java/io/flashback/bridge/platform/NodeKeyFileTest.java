package io.flashback.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class NodeKeyFileTest {
    @TempDir
    Path dataDir;

    @Test
    void theKeyIsMadeOnTheFirstStartReadableByTheOwnerOnly() throws Exception {
        NodeKey key = NodeKey.loadOrCreate(dataDir);

        Path file = dataDir.resolve("platform").resolve("node.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(key.address()).matches("0x[0-9a-f]{40}");
        assertThat(Files.list(file.getParent())).extracting(p -> p.getFileName().toString()).containsExactly("node.key");
    }

    @Test
    void aRestartLoadsTheSameKey() {
        NodeKey first = NodeKey.loadOrCreate(dataDir);

        assertThat(NodeKey.loadOrCreate(dataDir).address()).isEqualTo(first.address());
    }

    @Test
    void aDamagedKeyFileIsReportedNotReplaced() throws Exception {
        NodeKey.loadOrCreate(dataDir);
        Path file = dataDir.resolve("platform").resolve("node.key");
        Files.writeString(file, "not a key");

        assertThatThrownBy(() -> NodeKey.loadOrCreate(dataDir)).hasMessageContaining("not a 32-byte hex key");
        assertThat(Files.readString(file)).isEqualTo("not a key");
    }

    @Test
    void signsTextsWithPersonalSignAsRSVWithLowS() throws Exception {
        // anvil's fourth development key, address 0x90f79bf6eb2c4f870365e785982e1f101e93b906
        ECKeyPair pair = ECKeyPair.create(Numeric.toBigInt("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"));
        NodeKey key = NodeKey.of(pair);
        assertThat(key.address()).isEqualTo("0x90f79bf6eb2c4f870365e785982e1f101e93b906");

        String signature = key.signText("Flashback bridge node heartbeat\nTimestamp: 1");

        byte[] bytes = Numeric.hexStringToByteArray(signature);
        assertThat(bytes).hasSize(65);
        assertThat(bytes[64]).isIn((byte) 27, (byte) 28);
        BigInteger halfOrder = Sign.CURVE_PARAMS.getN().shiftRight(1);
        assertThat(new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64))).isLessThanOrEqualTo(halfOrder);
        BigInteger recovered = Sign.signedPrefixedMessageToKey("Flashback bridge node heartbeat\nTimestamp: 1".getBytes(StandardCharsets.UTF_8),
                new Sign.SignatureData(bytes[64], Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64)));
        assertThat("0x" + Keys.getAddress(recovered)).isEqualTo(key.address());
    }
}
