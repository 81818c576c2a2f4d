package io.flashback.infra.kafka;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ACL bindings that say {@link KafkaAccess} to Kafka's authorizer: WRITE on the topics a service
 * produces, READ on those it consumes, CREATE on both (each service declares the topics it uses at
 * start, so start order does not matter; creating a topic grants no right to write it), and READ on
 * its own consumer groups. WRITE and READ imply DESCRIBE. An idempotent producer needs no cluster
 * right since Kafka 3.0 (KIP-679).
 */
public final class KafkaAcls {

    private KafkaAcls() {
    }

    public static List<AclBinding> bindings(List<KafkaAccess> services) {
        List<AclBinding> bindings = new ArrayList<>();
        for (KafkaAccess access : services) {
            String user = "User:" + access.principal();
            access.writes().forEach(topic -> bindings.add(topic(user, topic, AclOperation.WRITE)));
            access.reads().forEach(topic -> bindings.add(topic(user, topic, AclOperation.READ)));
            Set<String> used = new LinkedHashSet<>(access.writes());
            used.addAll(access.reads());
            used.forEach(topic -> bindings.add(topic(user, topic, AclOperation.CREATE)));
            bindings.add(allow(user, new ResourcePattern(ResourceType.GROUP, access.principal(), PatternType.LITERAL), AclOperation.READ));
            bindings.add(allow(user, new ResourcePattern(ResourceType.GROUP, access.principal() + ".", PatternType.PREFIXED),
                    AclOperation.READ));
        }
        return List.copyOf(bindings);
    }

    private static AclBinding topic(String user, String topic, AclOperation operation) {
        return allow(user, new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), operation);
    }

    private static AclBinding allow(String user, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW));
    }
}
