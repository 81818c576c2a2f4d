package io.flashback.orchestrator.payment;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/**
 * The number a fiat agreement is judged under. The oracle judges agreements by an escrow agreement number (a
 * uint256); a fiat agreement has none, so it goes by its escrow reference read as a number: the agreement's UUID
 * left-aligned in 32 bytes, as {@code AgreementRef.of} writes it. Such numbers are at least 2^128 and cannot meet the
 * escrow's own, which count up from 1.
 */
public final class FiatAgreementNumber {

    private static final int MAX_DIGITS = 78; // a uint256 in decimal

    private FiatAgreementNumber() {
    }

    public static BigInteger of(UUID agreementId) {
        ByteBuffer bytes = ByteBuffer.allocate(32);
        bytes.putLong(agreementId.getMostSignificantBits()).putLong(agreementId.getLeastSignificantBits());
        return new BigInteger(1, bytes.array());
    }

    /** The agreement a judged number names, when it is a fiat agreement's; empty for escrow numbers and garbage. */
    public static Optional<UUID> agreementOf(String number) {
        if (number == null || number.isEmpty() || number.length() > MAX_DIGITS || !number.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(number);
        if (value.bitLength() > 256 || value.bitLength() <= 128 || value.getLowestSetBit() < 128) {
            return Optional.empty();
        }
        BigInteger high = value.shiftRight(128);
        return Optional.of(new UUID(high.shiftRight(64).longValue(), high.longValue()));
    }
}
