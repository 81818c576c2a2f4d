package io.flashback.registry.certification;

public enum RunOutcome {
    RUNNING, PASSED, FAILED
}
