package io.flashback.chain;

import java.math.BigInteger;

/** The escrow's sequential agreement number (starts at 1). */
public record AgreementId(BigInteger value) {

    public AgreementId {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException("agreement ids start at 1: " + value);
        }
    }

    public static AgreementId of(long value) {
        return new AgreementId(BigInteger.valueOf(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
