package io.flashback.orchestrator.grant;

/** The agreement has no active data-access grant, so it has no S3 credentials to show or rotate. */
public class NoActiveGrant extends RuntimeException {

    public NoActiveGrant(String detail) {
        super(detail);
    }
}
