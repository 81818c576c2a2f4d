package io.flashback.monitor.qos;

import java.util.List;

/** Reads QoS series: the buckets of {@code query}'s range that have data, oldest first. */
public interface QosSeries {

    List<QosPoint> of(QosSubject subject, String subjectId, QosQuery query);
}
