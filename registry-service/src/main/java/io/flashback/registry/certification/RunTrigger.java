package io.flashback.registry.certification;

/** Why a run started: the registry found the node due (new, renewing, retrying), or its provider asked. */
public enum RunTrigger {
    SCHEDULED, REQUESTED
}
