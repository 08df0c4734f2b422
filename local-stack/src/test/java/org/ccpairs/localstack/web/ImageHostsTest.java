package org.ccpairs.localstack.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageHostsTest {
    @ParameterizedTest
    @CsvSource({
        "img-001.bench.example:8080, img-001.bench.example",
        "img-001.bench.example, img-001.bench.example",
        "127.0.0.1:443, 127.0.0.1",
        "[::1]:8080, [::1]",
        "[::1], [::1]",
        "host:, host:",
        "host:80a, host:80a"
    })
    void theHostHeaderLosesOnlyItsPort(String header, String host) {
        assertThat(ImageHosts.withoutPort(header)).isEqualTo(host);
    }
}
