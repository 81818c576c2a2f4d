package io.flashback.oracle.ingest;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Bridge nodes' keys, samples and signed batches as a node sends them, for the ingest's tests and its benchmark. */
public final class IngestFixtures {

    /** anvil's well-known development key 3 (address 0x90f7…b906), the node of the pinned vector. */
    public static final ECKeyPair PINNED_KEY = ECKeyPair.create(new BigInteger("7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6", 16));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IngestFixtures() {
    }

    public static ECKeyPair newKey() {
        try {
            return Keys.createEcKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String address(ECKeyPair key) {
        return "0x" + Keys.getAddress(key);
    }

    /** A minute of ordinary traffic: 120 requests (100 GETs, 20 PUTs), one server and three client errors. */
    public static UsageSample sample(String agreementId, Instant minute) {
        return new UsageSample(agreementId, minute.truncatedTo(ChronoUnit.MINUTES).getEpochSecond(), 120, 1, 3,
                Map.of("GetObject", 100L, "PutObject", 20L), 20_971_520, 104_857_600, 2_400, 310,
                List.of(10L, 30L, 40L, 25L, 10L, 4L, 1L, 0L, 0L, 0L, 0L, 0L), 20_971_520, 1_600, 104_857_600, 2_000, 1_073_741_824);
    }

    /** The batch signed with {@code key} (ERC-191 over {@link BatchText}), as a node signs it. */
    public static MetricBatch signed(UUID nodeId, ECKeyPair key, long sequence, Instant createdAt, List<UsageSample> samples) {
        MetricBatch unsigned = new MetricBatch(nodeId, address(key), sequence, createdAt.truncatedTo(ChronoUnit.MILLIS), samples, null);
        return withSignature(unsigned, sign(BatchText.of(unsigned), key));
    }

    public static MetricBatch withSignature(MetricBatch batch, String signature) {
        return new MetricBatch(batch.nodeId(), batch.nodeAddress(), batch.sequence(), batch.createdAt(), batch.samples(), signature);
    }

    public static String sign(String text, ECKeyPair key) {
        Sign.SignatureData data = Sign.signPrefixedMessage(text.getBytes(StandardCharsets.UTF_8), key);
        byte[] bytes = new byte[65];
        System.arraycopy(data.getR(), 0, bytes, 0, 32);
        System.arraycopy(data.getS(), 0, bytes, 32, 32);
        bytes[64] = data.getV()[0];
        return Numeric.toHexString(bytes);
    }

    /** The JSON body of {@code POST /ingest/batches}. */
    public static byte[] json(MetricBatch batch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodeId", batch.nodeId().toString());
        body.put("nodeAddress", batch.nodeAddress());
        body.put("sequence", batch.sequence());
        body.put("createdAt", batch.createdAt().toString());
        List<Map<String, Object>> samples = new ArrayList<>();
        for (UsageSample s : batch.samples()) {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("agreementId", s.agreementId());
            sample.put("minute", s.minute().toString());
            sample.put("requests", s.requests());
            sample.put("serverErrors", s.serverErrors());
            sample.put("clientErrors", s.clientErrors());
            sample.put("requestsByOperation", s.requestsByOperation());
            sample.put("bytesIn", s.bytesIn());
            sample.put("bytesOut", s.bytesOut());
            sample.put("latencySumMs", s.latencySumMs());
            sample.put("latencyMaxMs", s.latencyMaxMs());
            sample.put("latencyHistogram", s.latencyHistogram());
            sample.put("uploadBytes", s.uploadBytes());
            sample.put("uploadMillis", s.uploadMillis());
            sample.put("downloadBytes", s.downloadBytes());
            sample.put("downloadMillis", s.downloadMillis());
            sample.put("storedBytes", s.storedBytes());
            samples.add(sample);
        }
        body.put("samples", samples);
        body.put("signature", batch.signature());
        return JSON.writeValueAsBytes(body);
    }
}
