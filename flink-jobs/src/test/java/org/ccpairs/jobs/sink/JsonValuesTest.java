package org.ccpairs.jobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
    @Test
    void numbersStayNumbersAndTimesBecomeInstants() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("score", 0.25);
        values.put("ratio", 1.5f);
        values.put("offset", 42L);
        values.put("width", 7);
        values.put("ok", true);
        values.put("none", null);
        values.put("caption", new Utf8("a cat"));
        values.put("fetched", Instant.parse("2014-08-20T07:12:53Z"));
        values.put("checked", OffsetDateTime.of(2026, 11, 26, 13, 0, 0, 0, ZoneOffset.ofHours(2)));
        values.put("list", Arrays.asList("a", 1L, null));
        values.put("bytes", ByteBuffer.wrap("hi".getBytes(StandardCharsets.US_ASCII)));

        assertThat(json(values))
                .isEqualTo(
                        "{\"score\":0.25,\"ratio\":1.5,\"offset\":42,\"width\":7,\"ok\":true,"
                                + "\"none\":null,\"caption\":\"a cat\","
                                + "\"fetched\":\"2014-08-20T07:12:53Z\","
                                + "\"checked\":\"2026-11-26T11:00:00Z\","
                                + "\"list\":[\"a\",1,null],\"bytes\":\"aGk=\"}");
    }

    @Test
    void aByteBufferIsWrittenFromItsPositionAndLeftAsItWas() throws Exception {
        ByteBuffer b = ByteBuffer.wrap("xhi".getBytes(StandardCharsets.US_ASCII));
        b.position(1);
        assertThat(json(List.of(b))).isEqualTo("[\"aGk=\"]");
        assertThat(b.position()).isEqualTo(1);
    }

    private static String json(Object value) throws Exception {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            JsonValues.write(json, value);
        }
        return out.toString();
    }
}
