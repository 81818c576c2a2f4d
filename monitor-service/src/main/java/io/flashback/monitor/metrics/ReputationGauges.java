package io.flashback.monitor.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;

import java.util.Map;

/** {@code flashback.monitor.provider.reputation{provider}}: every scored provider's reputation, refreshed after each settlement run. */
@Component
public class ReputationGauges {

    private final MultiGauge providers;

    public ReputationGauges(MeterRegistry registry) {
        this.providers = MultiGauge.builder("flashback.monitor.provider.reputation")
                .description("provider reputation, 0-100 (starts at 50)").register(registry);
    }

    public void refresh(Map<String, Double> scoresByWallet) {
        providers.register(scoresByWallet.entrySet().stream()
                .map(entry -> MultiGauge.Row.of(Tags.of("provider", entry.getKey()), entry.getValue()))
                .toList(), true);
    }
}
