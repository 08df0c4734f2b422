package org.ccpairs.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfluentWireFormatTest {

    @Test
    void headerIsTheMagicByteZeroAndFourBytesOfId() {
        assertThat(ConfluentWireFormat.MAGIC).isZero();
        assertThat(ConfluentWireFormat.HEADER_LENGTH).isEqualTo(5);
    }

    @Test
    void nullMessageIsNotConfluentAvro() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(null))
                .isInstanceOf(DecodeException.class)
                .hasMessage("NOT_CONFLUENT_AVRO: null message")
                .extracting(e -> ((DecodeException) e).reason())
                .isEqualTo(DecodeFailure.NOT_CONFLUENT_AVRO);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void messageShorterThanTheHeaderIsNotConfluentAvro(int length) {
        byte[] message = new byte[length];

        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(message))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("message of " + length + " bytes is shorter than the 5-byte")
                .extracting(e -> ((DecodeException) e).reason())
                .isEqualTo(DecodeFailure.NOT_CONFLUENT_AVRO);
    }

    @ParameterizedTest
    @ValueSource(bytes = {1, 0x7f, (byte) 0x80, (byte) 0xff, '{'})
    void messageWithoutTheMagicByteIsNotConfluentAvro(byte first) {
        byte[] message = {first, 0, 0, 0, 1, 2, 3};

        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(message))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining(String.format("first byte is 0x%02x", first))
                .extracting(e -> ((DecodeException) e).reason())
                .isEqualTo(DecodeFailure.NOT_CONFLUENT_AVRO);
    }

    @Test
    void jsonTextIsNotConfluentAvro() {
        byte[] message = "{\"crawl_id\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(message))
                .isInstanceOf(DecodeException.class)
                .extracting(e -> ((DecodeException) e).reason())
                .isEqualTo(DecodeFailure.NOT_CONFLUENT_AVRO);
    }

    @Test
    void idIsBigEndian() throws DecodeException {
        assertThat(ConfluentWireFormat.schemaId(new byte[] {0, 0, 0, 0, 1})).isEqualTo(1);
        assertThat(ConfluentWireFormat.schemaId(new byte[] {0, 0, 0, 1, 0})).isEqualTo(256);
        assertThat(ConfluentWireFormat.schemaId(new byte[] {0, 1, 2, 3, 4})).isEqualTo(0x01020304);
    }

    @Test
    void headerWithoutBodyStillHasAnId() throws DecodeException {
        // an empty Avro body is the decoder's problem (MALFORMED_AVRO), not the framing's
        assertThat(ConfluentWireFormat.schemaId(new byte[] {0, 0, 0, 0, 42})).isEqualTo(42);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 255, 256, 65_535, 1 << 24, Integer.MAX_VALUE})
    void idRoundTripsThroughTheHeader(int id) throws DecodeException {
        byte[] message = new byte[ConfluentWireFormat.HEADER_LENGTH + 3];
        message[5] = 9;

        ConfluentWireFormat.writeHeader(message, id);

        assertThat(message[0]).isEqualTo(ConfluentWireFormat.MAGIC);
        assertThat(ConfluentWireFormat.schemaId(message)).isEqualTo(id);
        assertThat(message[5]).as("the body is not touched").isEqualTo((byte) 9);
    }

    @Test
    void idsOfTwoToThe31AndAboveAreReadAsNegativeIntsLikeConfluentsOwnDeserializer()
            throws DecodeException {
        // Confluent ids are Java ints (ByteBuffer.getInt), so 0x80000000 and up come out negative;
        // the code does the same and round-trips them unchanged.
        assertThat(ConfluentWireFormat.schemaId(new byte[] {0, (byte) 0x80, 0, 0, 0}))
                .isEqualTo(Integer.MIN_VALUE);
        assertThat(ConfluentWireFormat.schemaId(new byte[] {0, -1, -1, -1, -1})).isEqualTo(-1);

        for (int id : new int[] {-1, -2, Integer.MIN_VALUE}) {
            byte[] message = new byte[ConfluentWireFormat.HEADER_LENGTH];
            ConfluentWireFormat.writeHeader(message, id);
            assertThat(ConfluentWireFormat.schemaId(message)).isEqualTo(id);
        }
    }

    @Test
    void decodeExceptionMessageStartsWithTheReasonCode() {
        DecodeException e = new DecodeException(DecodeFailure.MALFORMED_AVRO, "detail", null);

        assertThat(e).hasMessage("MALFORMED_AVRO: detail");
        assertThat(e.reason()).isEqualTo(DecodeFailure.MALFORMED_AVRO);
    }
}
