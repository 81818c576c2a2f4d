package io.flashback.monitor.audit;

import java.time.Duration;

/** What a node answered to one signed canary request. */
public sealed interface CanaryAnswer {

    Duration elapsed();

    /** The bucket exists or the object was stored. */
    record Stored(Duration elapsed) implements CanaryAnswer {
    }

    /** Bytes came back (the whole object or the range asked for). */
    record Read(byte[] bytes, Duration timeToFirstByte, Duration elapsed) implements CanaryAnswer {
    }

    /** 404: no such key or bucket. */
    record Missing(String code, Duration elapsed) implements CanaryAnswer {
    }

    /** Another 4xx: the node refused the platform's signed request. */
    record Refused(int status, String code, Duration elapsed) implements CanaryAnswer {
    }

    /** A 5xx ({@code status}), or no HTTP answer at all ({@code status} 0: refused connection, reset, TLS). */
    record Failed(int status, String detail, Duration elapsed) implements CanaryAnswer {
    }

    /** No complete answer within the timeout. */
    record TimedOut(Duration elapsed) implements CanaryAnswer {
    }
}
