package io.flashback.orchestrator.payment;

/** What a webhook call did: APPLIED, DUPLICATE (its event was taken before; nothing changed) or IGNORED (nothing to do). */
public record WebhookOutcome(String eventId, Status status, String detail) {

    public enum Status { APPLIED, DUPLICATE, IGNORED }
}
