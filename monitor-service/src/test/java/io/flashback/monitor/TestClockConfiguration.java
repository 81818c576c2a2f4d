package io.flashback.monitor;

import io.flashback.infra.testing.SettableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Puts the tests' clock in place of the system clock. */
@TestConfiguration(proxyBeanMethods = false)
class TestClockConfiguration {

    @Bean
    SettableClock clock() {
        return MonitorIntegrationTest.CLOCK;
    }
}
