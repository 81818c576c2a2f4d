package io.flashback.monitor.qos;

/** Who a QoS series is about: one node, or every node of one provider (by the wallet that claimed them). */
public enum QosSubject {
    NODE, PROVIDER
}
