package io.flashback.oracle.epoch.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the pipeline every {@code interval} on one thread; a failed pass is logged and retried at the next. */
final class PipelineScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PipelineScheduler.class);

    private final EpochPipeline pipeline;
    private final Duration interval;
    private ScheduledExecutorService executor;

    PipelineScheduler(EpochPipeline pipeline, Duration interval) {
        this.pipeline = pipeline;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null || interval.isZero()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "epoch-pipeline");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        try {
            pipeline.advance();
        } catch (RuntimeException e) {
            log.error("epoch pipeline pass failed, retrying in {}", interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
