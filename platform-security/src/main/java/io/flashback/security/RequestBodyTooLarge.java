package io.flashback.security;

import java.io.IOException;

/** Thrown by the request body's stream once more than the allowed bytes have been read from it. */
final class RequestBodyTooLarge extends IOException {

    private final long limit;

    RequestBodyTooLarge(long limit) {
        super("the request body is larger than the " + limit + " bytes allowed");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    static String detail(long limit) {
        return "The request body is larger than the " + limit + " bytes this service accepts.";
    }
}
