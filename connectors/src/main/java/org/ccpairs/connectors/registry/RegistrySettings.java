package org.ccpairs.connectors.registry;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.configuration.Configuration;

/**
 * Where the schema registry is and how to talk to it. Serializable so that Flink functions can
 * carry it and {@link #connect()} in {@code open()}.
 *
 * @param url base URL of a Confluent-API registry; never null
 * @param clientProperties extra Confluent client properties (auth, TLS); never null
 * @param autoRegister whether serializers register their schema on first use
 * @param cacheCapacity schemas the client caches
 */
public record RegistrySettings(
        String url, Map<String, String> clientProperties, boolean autoRegister, int cacheCapacity)
        implements Serializable {

    public RegistrySettings {
        Objects.requireNonNull(url, "registry url");
        clientProperties = Map.copyOf(clientProperties);
    }

    public static RegistrySettings of(String url) {
        return new RegistrySettings(
                url, Map.of(), true, RegistryOptions.CACHE_CAPACITY.defaultValue());
    }

    /**
     * Reads the {@code registry.*} options.
     *
     * @throws IllegalArgumentException when {@code registry.url} is missing or not an http(s) URL
     */
    public static RegistrySettings from(Configuration conf) {
        String url =
                conf.getOptional(RegistryOptions.URL)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "'"
                                                        + RegistryOptions.URL.key()
                                                        + "' is not set: give the URL of a"
                                                        + " Confluent-API schema registry, e.g."
                                                        + " --registry http://localhost:8081"));
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException(
                    "'"
                            + RegistryOptions.URL.key()
                            + "' must be an http(s) URL, got '"
                            + url
                            + "'");
        }
        return new RegistrySettings(
                url,
                conf.get(RegistryOptions.CLIENT_PROPERTIES),
                conf.get(RegistryOptions.AUTO_REGISTER),
                conf.get(RegistryOptions.CACHE_CAPACITY));
    }

    /** Opens a client; the caller closes it. */
    public RegistryClient connect() {
        return new RegistryClient(this);
    }
}
