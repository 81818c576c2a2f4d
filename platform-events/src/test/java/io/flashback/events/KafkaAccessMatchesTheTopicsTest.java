package io.flashback.events;

import io.flashback.infra.kafka.KafkaAccess;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker's ACL table (platform-infra {@link KafkaAccess}) names exactly the topics of {@link Topics}, each with one writer. */
class KafkaAccessMatchesTheTopicsTest {

    @Test
    void everyTopicHasExactlyOneWritingService() {
        List<String> written = KafkaAccess.SERVICES.stream().flatMap(access -> access.writes().stream()).toList();
        assertThat(written).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void everyTopicAServiceReadsIsAPlatformTopic() {
        assertThat(Topics.ALL).containsAll(KafkaAccess.SERVICES.stream().flatMap(access -> access.reads().stream()).toList());
    }

    @Test
    void everyEventIsPublishedOnATopicItsServiceMayWrite() {
        for (EventCatalog.Entry entry : EventCatalog.entries()) {
            String service = entry.type().split("\\.")[2] + "-service";
            assertThat(KafkaAccess.of(service).writes()).as(entry.type()).contains(entry.topic());
        }
    }
}
