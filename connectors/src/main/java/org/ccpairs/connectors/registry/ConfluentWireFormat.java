package org.ccpairs.connectors.registry;

/**
 * Confluent's framing of a Kafka message: magic byte 0, the writer schema's registry id as a 4-byte
 * big-endian int, then the Avro binary encoding of the record.
 */
public final class ConfluentWireFormat {
    public static final byte MAGIC = 0;
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {}

    /**
     * The schema id of a framed message.
     *
     * @throws DecodeException with {@link DecodeFailure#NOT_CONFLUENT_AVRO} when the message is
     *     null, shorter than the header, or does not start with the magic byte
     */
    public static int schemaId(byte[] message) throws DecodeException {
        if (message == null || message.length < HEADER_LENGTH) {
            throw new DecodeException(
                    DecodeFailure.NOT_CONFLUENT_AVRO,
                    message == null
                            ? "null message"
                            : "message of "
                                    + message.length
                                    + " bytes is shorter than the 5-byte header",
                    null);
        }
        if (message[0] != MAGIC) {
            throw new DecodeException(
                    DecodeFailure.NOT_CONFLUENT_AVRO,
                    String.format("first byte is 0x%02x, not the magic byte 0x00", message[0]),
                    null);
        }
        return ((message[1] & 0xff) << 24)
                | ((message[2] & 0xff) << 16)
                | ((message[3] & 0xff) << 8)
                | (message[4] & 0xff);
    }

    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }
}
