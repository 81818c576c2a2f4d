package io.flashback.bridge.shipping;

import io.flashback.bridge.platform.PlatformStub;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;
import tools.jackson.databind.json.JsonMapper;

/**
 * What oracle-service's ingest promises the node, behind a {@link PlatformStub} route: a batch must be signed by the
 * address it names (401), a sequence number is taken once — the same batch again is a 409 duplicate — and it can be
 * down (503) or lose its answer after storing (the case a resend must not double). Tests can script other answers per
 * sequence number.
 */
final class OracleStandIn implements Function<PlatformStub.Request, PlatformStub.Answer> {
    static final String PATH = "/api/oracle/ingest/batches";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    volatile boolean down;
    volatile boolean loseNextAnswer;
    final Map<Long, PlatformStub.Answer> scripted = new ConcurrentHashMap<>();
    final Map<Long, String> bySequence = new ConcurrentHashMap<>();
    final List<MetricBatch> accepted = new CopyOnWriteArrayList<>();

    @Override
    public synchronized PlatformStub.Answer apply(PlatformStub.Request request) {
        if (down) return new PlatformStub.Answer(503, "{\"title\":\"Service Unavailable\"}");
        MetricBatch batch = BatchJson.read(JSON.writeValueAsBytes(request.body()));
        PlatformStub.Answer script = scripted.remove(batch.sequence());
        if (script != null) return script;
        String text = BatchText.of(batch);
        if (!signer(text, batch.signature()).equals(batch.nodeAddress())) {
            return new PlatformStub.Answer(401, "{\"title\":\"Invalid signature\",\"reason\":\"forged\"}");
        }
        String seen = bySequence.putIfAbsent(batch.sequence(), text);
        if (seen != null) {
            return seen.equals(text)
                    ? new PlatformStub.Answer(409, "{\"title\":\"Batch already accepted\",\"duplicate\":true}")
                    : new PlatformStub.Answer(409, "{\"title\":\"Sequence number reused\",\"duplicate\":false,\"lastSequence\":" + batch.sequence() + "}");
        }
        accepted.add(batch);
        if (loseNextAnswer) {
            loseNextAnswer = false;
            return new PlatformStub.Answer(504, "{\"title\":\"Gateway Timeout\"}");
        }
        return new PlatformStub.Answer(200, "{\"sequence\":" + batch.sequence() + "}");
    }

    long acceptedRequests() {
        return accepted.stream().flatMap(b -> b.samples().stream()).mapToLong(UsageSample::requests).sum();
    }

    static String signer(String text, String signature) {
        byte[] bytes = Numeric.hexStringToByteArray(signature);
        try {
            var key = Sign.signedPrefixedMessageToKey(text.getBytes(StandardCharsets.UTF_8),
                    new Sign.SignatureData(bytes[64], java.util.Arrays.copyOfRange(bytes, 0, 32), java.util.Arrays.copyOfRange(bytes, 32, 64)));
            return "0x" + Keys.getAddress(key);
        } catch (java.security.SignatureException e) {
            return "none";
        }
    }
}
