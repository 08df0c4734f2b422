package org.ccpairs.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The egress rules of the job's pods: the public internet only without the private, shared
 * (carrier-grade NAT), link-local (cloud metadata) and loopback ranges; private addresses only for
 * the API server, on its ports.
 */
final class NetworkRules {
    static final List<String> DENIED =
            List.of(
                    "10.0.0.0/8",
                    "172.16.0.0/12",
                    "192.168.0.0/16",
                    "100.64.0.0/10",
                    "169.254.0.0/16");

    private NetworkRules() {}

    static List<String> problems(List<Map<String, Object>> policies) {
        List<String> problems = new ArrayList<>();
        boolean internet = false;
        for (Map<String, Object> policy : policies) {
            String name = Yaml.string(policy, "metadata.name");
            if (!Yaml.list(policy, "spec.policyTypes").contains("Egress")) {
                problems.add(name + ": not an egress policy");
            }
            for (Object rule : Yaml.list(policy, "spec.egress")) {
                if (Yaml.list(rule, "to").isEmpty()) {
                    problems.add(name + ": an egress rule without 'to' allows every address");
                }
                for (Object to : Yaml.list(rule, "to")) {
                    String cidr = Yaml.string(to, "ipBlock.cidr");
                    if (cidr == null) {
                        continue;
                    }
                    List<Object> except = Yaml.list(to, "ipBlock.except");
                    if (cidr.equals("0.0.0.0/0")) {
                        internet = true;
                        for (String denied : DENIED) {
                            if (!except.contains(denied)) {
                                problems.add(name + ": 0.0.0.0/0 without except " + denied);
                            }
                        }
                    } else if (cidr.equals("::/0")) {
                        if (!except.contains("fc00::/7") || !except.contains("fe80::/10")) {
                            problems.add(name + ": ::/0 without except fc00::/7 and fe80::/10");
                        }
                    } else if (isPrivate(cidr)) {
                        Set<Object> ports =
                                Set.copyOf(
                                        Yaml.list(rule, "ports").stream()
                                                .map(p -> Yaml.string(p, "port"))
                                                .toList());
                        if (!name.endsWith("-apiserver")
                                || !Set.of("443", "6443").containsAll(ports)
                                || ports.isEmpty()) {
                            problems.add(
                                    name
                                            + ": private range "
                                            + cidr
                                            + " allowed other than for the API server");
                        }
                    }
                }
            }
        }
        if (!internet) {
            problems.add("no policy allows the public internet (0.0.0.0/0)");
        }
        return problems;
    }

    private static boolean isPrivate(String cidr) {
        return cidr.startsWith("10.")
                || cidr.startsWith("192.168.")
                || cidr.startsWith("169.254.")
                || cidr.matches("172\\.(1[6-9]|2\\d|3[01])\\..*")
                || cidr.matches("100\\.(6[4-9]|[7-9]\\d|1[01]\\d|12[0-7])\\..*");
    }
}
