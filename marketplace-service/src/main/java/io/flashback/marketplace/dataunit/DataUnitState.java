package io.flashback.marketplace.dataunit;

/**
 * Where a Data Unit stands. A unit can hold several reservations: RESERVED and IN_USE units still
 * sell their free capacity; MAINTENANCE and DECOMMISSIONING units sell nothing new.
 */
public enum DataUnitState {
    AVAILABLE, RESERVED, IN_USE, MAINTENANCE, DECOMMISSIONING;

    /** Whether a unit in this state is offered in search (its node must be active too). */
    public boolean sellsCapacity() {
        return this == AVAILABLE || this == RESERVED || this == IN_USE;
    }
}
