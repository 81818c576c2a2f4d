package io.flashback.monitor.reputation;

import java.time.LocalDate;

/** The platform's probes of a subject's nodes over one UTC day. */
public record ProbeDay(LocalDate day, long probes, long available) {
}
