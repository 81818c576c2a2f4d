package io.flashback.events.metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Refreshes every {@link StateCounts} bean of the service on one background thread while the application runs. */
public final class StateCountsRefresher implements SmartLifecycle {

    private final ObjectProvider<StateCounts> counts;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;

    public StateCountsRefresher(ObjectProvider<StateCounts> counts, Duration interval) {
        this.counts = counts;
        this.interval = interval;
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("state-counts").factory());
        started.scheduleWithFixedDelay(() -> counts.orderedStream().forEach(StateCounts::refresh), 1000, interval.toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
