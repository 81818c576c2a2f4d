package io.flashback.events.outbox;

import io.flashback.events.PlatformEventsAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #13 H4: a service never talks to Kafka anonymously. Without its principal, or told to use a
 * transport without SASL, it refuses to start and names what to set; with it, every client it
 * builds authenticates (ADR 0008).
 */
class ServicesRefuseKafkaWithoutTheirPrincipalTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, PlatformEventsAutoConfiguration.class))
            .withPropertyValues("spring.kafka.bootstrap-servers=127.0.0.1:9", "flashback.events.source=/flashback/test");

    @Test // #13 H4
    void aServiceWithoutKafkaCredentialsRefusesToStart() {
        service.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FLASHBACK_KAFKA_USERNAME and FLASHBACK_KAFKA_PASSWORD"));
    }

    @Test // #13 H4
    void aServiceWithAUsernameButNoPasswordRefusesToStart() {
        service.withPropertyValues("flashback.kafka.username=registry-service")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("Kafka credentials missing"));
    }

    @Test // #13 H4
    void aServiceToldToConnectWithoutSaslRefusesToStart() {
        service.withPropertyValues("flashback.kafka.username=registry-service", "flashback.kafka.password=secret",
                        "spring.kafka.security.protocol=PLAINTEXT")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("Kafka needs SASL"));
    }

    @Test
    void aServiceWithItsPrincipalAuthenticatesEveryClientWithScramOverTls() {
        service.withPropertyValues("flashback.kafka.username=registry-service", "flashback.kafka.password=pa\"ss")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    KafkaProperties kafka = context.getBean(KafkaProperties.class);
                    for (var client : java.util.List.of(kafka.buildProducerProperties(), kafka.buildConsumerProperties(),
                            kafka.buildAdminProperties())) {
                        assertThat(client).containsEntry("security.protocol", "SASL_SSL")
                                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                        + " username=\"registry-service\" password=\"pa\\\"ss\";");
                    }
                });
    }
}
