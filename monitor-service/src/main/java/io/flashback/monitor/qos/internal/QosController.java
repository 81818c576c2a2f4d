package io.flashback.monitor.qos.internal;

import io.flashback.monitor.node.MonitoredNodes;
import io.flashback.monitor.qos.QosPoint;
import io.flashback.monitor.qos.QosQuery;
import io.flashback.monitor.qos.QosSeries;
import io.flashback.monitor.qos.QosSubject;
import io.flashback.monitor.web.NotFound;
import io.flashback.monitor.web.PathIds;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** QoS series are observation data about public endpoints: readable without signing in. */
@RestController
class QosController {

    record Series(QosSubject subject, String id, String resolution, Instant from, Instant to, String location, List<QosPoint> points) {
    }

    private final QosSeries series;
    private final MonitoredNodes nodes;
    private final Clock clock;

    QosController(QosSeries series, MonitoredNodes nodes, Clock clock) {
        this.series = series;
        this.nodes = nodes;
        this.clock = clock;
    }

    @GetMapping("/nodes/{nodeId}/qos")
    Series node(@PathVariable String nodeId, @RequestParam(required = false) String resolution, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String location) {
        UUID id = PathIds.uuid("nodeId", nodeId);
        QosQuery query = QosQuery.of(resolution, from, to, location, clock);
        if (nodes.find(id).isEmpty()) {
            throw new NotFound("no bridge node " + id + " is known to the monitor");
        }
        return answer(QosSubject.NODE, id.toString(), query);
    }

    @GetMapping("/providers/{wallet}/qos")
    Series provider(@PathVariable String wallet, @RequestParam(required = false) String resolution,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    @RequestParam(required = false) String location) {
        String provider = PathIds.wallet(wallet);
        QosQuery query = QosQuery.of(resolution, from, to, location, clock);
        if (!nodes.knowsProvider(provider)) {
            throw new NotFound("no bridge node claimed by " + provider + " is known to the monitor");
        }
        return answer(QosSubject.PROVIDER, provider, query);
    }

    private Series answer(QosSubject subject, String id, QosQuery query) {
        return new Series(subject, id, query.resolution().name().toLowerCase(Locale.ROOT), query.from(), query.to(),
                query.location().orElse(null), series.of(subject, id, query));
    }
}
