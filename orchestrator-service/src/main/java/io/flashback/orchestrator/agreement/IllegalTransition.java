package io.flashback.orchestrator.agreement;

/** A move the agreement's state does not allow, e.g. funding a rejected agreement. */
public class IllegalTransition extends RuntimeException {

    public IllegalTransition(AgreementId id, AgreementState from, AgreementState to) {
        super("agreement " + id.value() + " is " + from + " and cannot become " + to
                + (from.isEnded() ? " (it has ended)" : "; it can become " + from.next()));
    }

    /** A move the state table allows but a named business rule does not, in this situation. */
    public IllegalTransition(AgreementId id, AgreementState from, AgreementState to, String rule) {
        super("agreement " + id.value() + " is " + from + " and cannot become " + to + ": " + rule);
    }
}
