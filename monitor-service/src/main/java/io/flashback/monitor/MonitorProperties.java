package io.flashback.monitor;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code flashback.monitor.*}: this service's settings, validated at start.
 *
 * @param probeInterval how often each active node is probed
 * @param probeLocation name of the location this probe worker runs in
 */
@Validated
@ConfigurationProperties("flashback.monitor")
public record MonitorProperties(@DefaultValue("1m") @NotNull Duration probeInterval,
                                @DefaultValue("local") @NotBlank String probeLocation) {
}
