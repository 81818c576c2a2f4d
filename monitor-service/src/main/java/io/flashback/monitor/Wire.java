package io.flashback.monitor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** How measurements are written into events and tables: milliseconds with microsecond precision, scores with two decimals. */
public final class Wire {

    private static final int DETAIL_CHARACTERS = 500;

    private Wire() {
    }

    public static BigDecimal millis(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 6).setScale(3, RoundingMode.HALF_UP);
    }

    public static BigDecimal mbps(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }

    /** A score as {@code BigDecimal.valueOf} of its value rounded to two decimals (55.0, 53.33). */
    public static BigDecimal score(double value) {
        return BigDecimal.valueOf(Math.round(value * 100) / 100.0);
    }

    public static String detail(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= DETAIL_CHARACTERS ? text : text.substring(0, DETAIL_CHARACTERS - 1) + "…";
    }
}
