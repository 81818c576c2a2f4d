package io.flashback.events.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code flashback.events.*}: how this service publishes and declares its topics.
 *
 * @param source            the CloudEvents {@code source} of events this service publishes
 * @param pollInterval      how often the relay looks for unsent events besides the after-commit wake-up
 * @param batchSize         rows relayed per transaction
 * @param sendTimeout       how long to wait for the broker's acknowledgement
 * @param topics            topics this service produces or consumes, declared at start
 * @param partitions        partitions of declared topics
 * @param replicationFactor replication factor of declared topics
 */
@ConfigurationProperties("flashback.events")
public record OutboxSettings(String source,
                             @DefaultValue("500ms") Duration pollInterval,
                             @DefaultValue("200") int batchSize,
                             @DefaultValue("10s") Duration sendTimeout,
                             @DefaultValue List<String> topics,
                             @DefaultValue("3") int partitions,
                             @DefaultValue("1") short replicationFactor) {
}
