package io.flashback.bridge.platform;

/**
 * The platform did not do what the node asked: it could not be reached ({@link #status()} 0), or it
 * answered with a problem (RFC 9457 problem details: status, title, detail).
 */
public final class PlatformException extends RuntimeException {
    private final int status;
    private final String title;
    private final String detail;

    PlatformException(int status, String title, String detail, Throwable cause) {
        super(status == 0 ? title + ": " + detail : title + " (HTTP " + status + ")" + (detail == null || detail.isBlank() ? "" : ": " + detail), cause);
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    static PlatformException unreachable(String url, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new PlatformException(0, "Platform unreachable", url + " (" + reason + ")", cause);
    }

    /** 0 when the platform was not reached, else the HTTP status of its answer. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** Worth trying again later: not reached, or the platform (or the service behind the gateway) is down for now. */
    public boolean transientFailure() {
        return status == 0 || status >= 500 || status == 429;
    }
}
