package org.ccpairs.connectors.registry;

import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Settings of the Confluent-API schema registry that every ccpairs topic's schemas live in. */
public final class RegistryOptions {
    public static final ConfigOption<String> URL =
            ConfigOptions.key("registry.url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Base URL of a Confluent-API schema registry, e.g."
                                    + " http://schema-registry:8081 (Confluent) or"
                                    + " http://apicurio:8080/apis/ccompat/v7 (Apicurio).");

    public static final ConfigOption<Map<String, String>> CLIENT_PROPERTIES =
            ConfigOptions.key("registry.client-properties")
                    .mapType()
                    .defaultValue(Map.of())
                    .withDescription(
                            "Extra properties for the Confluent registry client, e.g."
                                + " 'basic.auth.credentials.source:USER_INFO,basic.auth.user.info:user:secret'.");

    public static final ConfigOption<Boolean> AUTO_REGISTER =
            ConfigOptions.key("registry.auto-register")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Register the writer schema under '<topic>-value' on first use. When"
                                + " false, the schema must already be registered (the usual setting"
                                + " where a CI pipeline owns schema registration); writing fails"
                                + " with a clear error otherwise.");

    public static final ConfigOption<Integer> CACHE_CAPACITY =
            ConfigOptions.key("registry.cache-capacity")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("How many schemas the registry client caches.");

    private RegistryOptions() {}
}
