package io.flashback.orchestrator.grant;

/** Only the node itself, with its own NODE token, reads its grants (answered 403). */
public class NotThisNode extends RuntimeException {

    public NotThisNode(String detail) {
        super(detail);
    }
}
