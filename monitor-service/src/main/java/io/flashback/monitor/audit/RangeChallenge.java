package io.flashback.monitor.audit;

import java.util.random.RandomGenerator;

/** The byte range {@code first..last} (inclusive, as in an HTTP {@code Range: bytes=first-last}) an audit asks for. */
public record RangeChallenge(long first, long last) {

    public RangeChallenge {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a byte range: " + first + "-" + last);
        }
    }

    /**
     * A range of {@code length} bytes (fewer if the object is smaller) at an offset the node cannot
     * predict — {@code random} must be a secure generator outside tests, or a node could keep just
     * the ranges it will be asked for.
     */
    public static RangeChallenge random(long objectSize, int length, RandomGenerator random) {
        long taken = Math.min(length, objectSize);
        long first = random.nextLong(objectSize - taken + 1);
        return new RangeChallenge(first, first + taken - 1);
    }

    public long length() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return "bytes=" + first + "-" + last;
    }
}
