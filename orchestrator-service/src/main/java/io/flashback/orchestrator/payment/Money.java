package io.flashback.orchestrator.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount in one currency, kept to exactly {@value #SCALE} decimals as the ledger stores it ({@code numeric(38,6)}).
 * An amount finer than that is refused rather than rounded: rounding is a business rule and happens where one is
 * named ({@link #percent}, {@link #share}, {@link #divideDown}), always downwards, so no rule ever hands out more
 * than there is.
 */
public record Money(BigDecimal amount, String currency) implements Comparable<Money> {

    public static final int SCALE = 6;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z][A-Z0-9]{1,11}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** What {@code numeric(38,6)} holds: 32 digits before the point. */
    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(32);

    public Money {
        Objects.requireNonNull(amount, "amount");
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("a currency is 2 to 12 upper-case letters or digits, not " + currency);
        }
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw new IllegalArgumentException(amount.toPlainString() + " " + currency + " is finer than the ledger's " + SCALE + " decimals");
        }
        if (amount.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException(amount.toPlainString() + " " + currency + " is too large for the ledger");
        }
        amount = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    public Money times(long factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
    }

    /** {@code pct} percent of this amount, rounded down to the ledger's decimals. */
    public Money percent(BigDecimal pct) {
        return new Money(amount.multiply(pct).divide(HUNDRED, SCALE, RoundingMode.DOWN), currency);
    }

    /** {@code part / whole} of this amount, rounded down to the ledger's decimals. */
    public Money share(Money part, Money whole) {
        if (whole.isZero()) {
            return zero(currency);
        }
        return new Money(amount.multiply(sameCurrency(part).amount).divide(sameCurrency(whole).amount, SCALE, RoundingMode.DOWN), currency);
    }

    /** This amount divided into {@code parts}, rounded down to the ledger's decimals. */
    public Money divideDown(long parts) {
        return new Money(amount.divide(BigDecimal.valueOf(parts), SCALE, RoundingMode.DOWN), currency);
    }

    public int signum() {
        return amount.signum();
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other).amount);
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }

    @Override
    public String toString() {
        return amount.stripTrailingZeros().toPlainString() + " " + currency;
    }
}
