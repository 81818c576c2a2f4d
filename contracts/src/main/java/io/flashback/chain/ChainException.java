package io.flashback.chain;

/** Something went wrong talking to the chain; the subclasses say what and whether a retry can help. */
public sealed class ChainException extends RuntimeException
        permits ChainException.Reverted, ChainException.Unavailable, ChainException.TimedOut, ChainException.GasCeilingExceeded {

    ChainException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The contract rejected the call; {@code error} is the custom error's name (e.g. "EpochAlreadySettled"). */
    public static final class Reverted extends ChainException {
        private final String error;
        private final java.util.List<Object> arguments;

        public Reverted(String error, java.util.List<Object> arguments, String message) {
            super(message, null);
            this.error = error;
            this.arguments = java.util.List.copyOf(arguments);
        }

        public String error() {
            return error;
        }

        public java.util.List<Object> arguments() {
            return arguments;
        }
    }

    /** The node could not be reached; retrying later (with the same operation id) is safe. */
    public static final class Unavailable extends ChainException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No receipt in time even after fee bumps; the transaction may still be mined: retry with the same operation id. */
    public static final class TimedOut extends ChainException {
        public TimedOut(String message) {
            super(message, null);
        }
    }

    public static final class GasCeilingExceeded extends ChainException {
        public GasCeilingExceeded(String message) {
            super(message, null);
        }
    }
}
