package org.ccpairs.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrySettingsTest {

    @Test
    void missingUrlIsRejectedWithTheOptionKeyAndAnExample() {
        assertThatThrownBy(() -> RegistrySettings.from(new Configuration()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'registry.url' is not set")
                .hasMessageContaining("http://localhost:8081");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8081", "ftp://registry/", "file:///tmp/x", "", " http://x"})
    void urlThatIsNotHttpIsRejected(String url) {
        Configuration conf = new Configuration();
        conf.set(RegistryOptions.URL, url);

        assertThatThrownBy(() -> RegistrySettings.from(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'registry.url' must be an http(s) URL, got '" + url + "'");
    }

    @Test
    void onlyTheUrlIsRequired() {
        Configuration conf = new Configuration();
        conf.set(RegistryOptions.URL, "https://registry:8081");

        RegistrySettings settings = RegistrySettings.from(conf);

        assertThat(settings)
                .isEqualTo(new RegistrySettings("https://registry:8081", Map.of(), true, 1000));
        assertThat(settings).isEqualTo(RegistrySettings.of("https://registry:8081"));
    }

    @Test
    void everyOptionIsRead() {
        Configuration conf = new Configuration();
        conf.setString("registry.url", "http://apicurio:8080/apis/ccompat/v7");
        conf.setString(
                "registry.client-properties",
                "basic.auth.credentials.source:USER_INFO,basic.auth.user.info:user");
        conf.setString("registry.auto-register", "false");
        conf.setString("registry.cache-capacity", "7");

        RegistrySettings settings = RegistrySettings.from(conf);

        assertThat(settings.url()).isEqualTo("http://apicurio:8080/apis/ccompat/v7");
        assertThat(settings.clientProperties())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "basic.auth.credentials.source", "USER_INFO",
                                "basic.auth.user.info", "user"));
        assertThat(settings.autoRegister()).isFalse();
        assertThat(settings.cacheCapacity()).isEqualTo(7);
    }

    @Test
    void nullUrlIsRejected() {
        assertThatThrownBy(() -> new RegistrySettings(null, Map.of(), true, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("registry url");
    }

    @Test
    void clientPropertiesAreCopiedAndImmutable() {
        Map<String, String> properties = new HashMap<>(Map.of("a", "1"));
        RegistrySettings settings = new RegistrySettings("http://r", properties, true, 1);

        properties.put("b", "2");

        assertThat(settings.clientProperties()).containsExactly(Map.entry("a", "1"));
        assertThatThrownBy(() -> settings.clientProperties().put("c", "3"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void survivesJavaSerializationSoThatFlinkFunctionsCanCarryIt() throws Exception {
        RegistrySettings settings =
                new RegistrySettings("http://r:8081", Map.of("k", "v"), false, 12);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(settings);
        }
        Object copy;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }

        assertThat(copy).isEqualTo(settings);
    }
}
