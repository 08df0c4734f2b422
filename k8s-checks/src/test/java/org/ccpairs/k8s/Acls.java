package org.ccpairs.k8s;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The ACLs of a Strimzi KafkaUser, and whether they allow an operation on a resource. */
record Acls(List<Object> acls) {
    static Acls of(Map<String, Object> kafkaUser) {
        return new Acls(Yaml.list(kafkaUser, "spec.authorization.acls"));
    }

    /**
     * Whether an ACL allows {@code operation} on the resource: same type, literal name equal or
     * prefix name a prefix of it; {@code All} allows everything, and Read, Write, Delete and Alter
     * imply Describe (as Kafka's authorizer has it).
     */
    boolean allows(String type, String name, String operation) {
        for (Object acl : acls) {
            if (!type.equals(Yaml.string(acl, "resource.type"))) {
                continue;
            }
            String pattern = Yaml.string(acl, "resource.name");
            boolean prefix = "prefix".equals(Yaml.string(acl, "resource.patternType"));
            boolean nameMatches =
                    type.equals("cluster")
                            || (prefix ? name.startsWith(pattern) : name.equals(pattern));
            if (!nameMatches) {
                continue;
            }
            List<Object> ops = Yaml.list(acl, "operations");
            if (ops.contains(operation)
                    || ops.contains("All")
                    || (operation.equals("Describe")
                            && ops.stream()
                                    .anyMatch(
                                            o ->
                                                    Set.of("Read", "Write", "Delete", "Alter")
                                                            .contains(o)))) {
                return true;
            }
        }
        return false;
    }

    Set<String> operations() {
        Set<String> all = new TreeSet<>();
        acls.forEach(a -> Yaml.list(a, "operations").forEach(o -> all.add(String.valueOf(o))));
        return all;
    }
}
