package io.flashback.events;

import io.flashback.infra.kafka.KafkaAccess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The compose broker gets its ACLs from docker/kafka-init.sh: the same table. */
    @Test
    void theComposeAclBootstrapGrantsWhatTheEmbeddedBrokerGrants() throws Exception {
        String script = Files.readString(Path.of("..", "docker", "kafka-init.sh")).replace("\\\n", " ");
        Matcher line = Pattern.compile("(?m)^service (\\S+) \"([^\"]*)\"\\s+\"([^\"]*)\"").matcher(script);
        List<KafkaAccess> scripted = new ArrayList<>();
        while (line.find()) {
            scripted.add(new KafkaAccess(line.group(1), List.of(line.group(2).split(" ")), List.of(line.group(3).split(" "))));
        }
        assertThat(scripted).containsExactlyInAnyOrderElementsOf(KafkaAccess.SERVICES);
    }

    @Test
    void everyEventIsPublishedOnATopicItsServiceMayWrite() {
        for (EventCatalog.Entry entry : EventCatalog.entries()) {
            String service = entry.type().split("\\.")[2] + "-service";
            assertThat(KafkaAccess.of(service).writes()).as(entry.type()).contains(entry.topic());
        }
    }
}
