package io.flashback.monitor.qos;

/** A QoS query that cannot be answered as asked (unknown resolution, unreadable time, range reversed or too long). */
public class InvalidQosQuery extends RuntimeException {

    public InvalidQosQuery(String message) {
        super(message);
    }
}
