package io.flashback.events.outbox;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.Environment;

import java.util.Locale;

/**
 * Puts this service's Kafka principal into every client Spring builds for it (producer, consumers,
 * admin): SASL with {@code flashback.kafka.mechanism} (SCRAM-SHA-512) as
 * {@code flashback.kafka.username} / {@code flashback.kafka.password}, from
 * {@code FLASHBACK_KAFKA_USERNAME} / {@code FLASHBACK_KAFKA_PASSWORD}. The broker grants each
 * principal only its own topics and groups (ADR 0008), so there is no default: a service without
 * them, or told to connect without SASL, refuses to start and says what to set. The transport is
 * {@code spring.kafka.security.protocol}: SASL_SSL unless set (with {@code spring.kafka.ssl.*}
 * naming the trust store), SASL_PLAINTEXT only for a broker on loopback (the local profile, tests).
 */
public final class KafkaSasl implements BeanPostProcessor {

    static final String DEFAULT_PROTOCOL = "SASL_SSL";
    static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";

    private final Environment environment;

    public KafkaSasl(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof KafkaProperties properties) {
            apply(properties);
        }
        return bean;
    }

    private void apply(KafkaProperties properties) {
        String username = environment.getProperty("flashback.kafka.username", "");
        String password = environment.getProperty("flashback.kafka.password", "");
        if (username.isBlank() || password.isBlank()) {
            throw new IllegalStateException("Kafka credentials missing: set FLASHBACK_KAFKA_USERNAME and FLASHBACK_KAFKA_PASSWORD"
                    + " (flashback.kafka.username/password) to this service's SASL/SCRAM principal; the broker refuses"
                    + " anonymous clients (docs/adr/0008-kafka-principals-and-acls.md). ./flashback up generates them"
                    + " into .flashback/kafka/credentials.properties");
        }
        String protocol = properties.getSecurity().getProtocol();
        if (protocol == null || protocol.isBlank()) {
            protocol = DEFAULT_PROTOCOL;
            properties.getSecurity().setProtocol(protocol);
        }
        if (!protocol.toUpperCase(Locale.ROOT).startsWith("SASL_")) {
            throw new IllegalStateException("spring.kafka.security.protocol is " + protocol + ", but Kafka needs SASL:"
                    + " SASL_SSL (SPRING_KAFKA_SECURITY_PROTOCOL), or SASL_PLAINTEXT for a broker on loopback"
                    + " (docs/adr/0008-kafka-principals-and-acls.md)");
        }
        String mechanism = environment.getProperty("flashback.kafka.mechanism", DEFAULT_MECHANISM);
        properties.getProperties().put("sasl.mechanism", mechanism);
        properties.getProperties().put("sasl.jaas.config", jaasConfig(mechanism, username, password));
    }

    /** The client's JAAS line; values quoted as JAAS requires, so any password works. */
    static String jaasConfig(String mechanism, String username, String password) {
        String module = mechanism.toUpperCase(Locale.ROOT).startsWith("SCRAM-")
                ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        return module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
