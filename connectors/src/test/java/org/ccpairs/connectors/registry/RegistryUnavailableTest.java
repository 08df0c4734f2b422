package org.ccpairs.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ccpairs.avro.DeadLetter;
import org.ccpairs.avro.SegmentAnnouncement;
import org.ccpairs.connectors.testing.FreePort;
import org.ccpairs.connectors.testing.LoopbackHttpServer;
import org.ccpairs.connectors.testing.LoopbackHttpServer.Response;
import org.junit.jupiter.api.Test;

/**
 * A registry that cannot answer is an infrastructure failure ({@link
 * RegistryUnavailableException}), never a {@link DecodeException}: the message is not at fault and
 * must not be dead-lettered. A closed port stands for a registry that is down; a loopback server
 * answering HTTP 500 stands for one that is up but failing, which the real registry cannot be made
 * to do on demand.
 */
class RegistryUnavailableTest {

    private static final String SERVER_ERROR =
            "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}";

    @Test
    void lookingUpAnIdAtAClosedPortIsRegistryUnavailable() throws Exception {
        String url = "http://127.0.0.1:" + FreePort.closed();
        try (RegistryClient registry = RegistrySettings.of(url).connect()) {
            assertThatThrownBy(() -> registry.schemaById(7))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("schema registry at " + url)
                    .hasMessageContaining("looking up schema id 7");
        }
    }

    @Test
    void registeringAtAClosedPortIsRegistryUnavailable() throws Exception {
        String url = "http://127.0.0.1:" + FreePort.closed();
        try (RegistryClient registry = RegistrySettings.of(url).connect()) {
            assertThatThrownBy(() -> registry.idFor("t-value", DeadLetter.getClassSchema()))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining(
                            "registering org.ccpairs.avro.DeadLetter under 't-value'");
        }
    }

    @Test
    void deserializingWhileTheRegistryIsDownIsRegistryUnavailableNotADecodeFailure()
            throws Exception {
        String url = "http://127.0.0.1:" + FreePort.closed();
        try (RegistryClient registry = RegistrySettings.of(url).connect()) {
            ConfluentAvroDeserializer<SegmentAnnouncement> deserializer =
                    new ConfluentAvroDeserializer<>(registry, SegmentAnnouncement.getClassSchema());
            byte[] wellFramed = {0, 0, 0, 0, 3, 2, 'c'};

            assertThatThrownBy(() -> deserializer.deserialize(wellFramed))
                    .isInstanceOf(RegistryUnavailableException.class);
        }
    }

    @Test
    void serializingWhileTheRegistryIsDownIsRegistryUnavailable() throws Exception {
        String url = "http://127.0.0.1:" + FreePort.closed();
        try (RegistryClient registry = RegistrySettings.of(url).connect()) {
            ConfluentAvroSerializer<DeadLetter> serializer =
                    new ConfluentAvroSerializer<>(registry, "t", DeadLetter.getClassSchema());

            assertThatThrownBy(() -> serializer.serialize(SampleRecords.deadLetter()))
                    .isInstanceOf(RegistryUnavailableException.class);
            assertThat(serializer.schemaId()).isEqualTo(-1);
        }
    }

    @Test
    void serverErrorOnLookupIsRegistryUnavailable() throws Exception {
        try (LoopbackHttpServer server =
                        LoopbackHttpServer.scripted(Response.json(500, SERVER_ERROR));
                RegistryClient registry = RegistrySettings.of(server.url("")).connect()) {
            ConfluentAvroDeserializer<SegmentAnnouncement> deserializer =
                    new ConfluentAvroDeserializer<>(registry, SegmentAnnouncement.getClassSchema());

            assertThatThrownBy(() -> registry.schemaById(5))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("Error in the backend data store");
            assertThatThrownBy(() -> deserializer.deserialize(new byte[] {0, 0, 0, 0, 5, 0}))
                    .isInstanceOf(RegistryUnavailableException.class);
            assertThat(server.requests()).isNotEmpty();
            assertThat(server.requests().get(0).path()).isEqualTo("/schemas/ids/5");
        }
    }

    @Test
    void serverErrorOnRegisterIsRegistryUnavailableNotARefusal() throws Exception {
        try (LoopbackHttpServer server =
                        LoopbackHttpServer.scripted(Response.json(500, SERVER_ERROR));
                RegistryClient registry = RegistrySettings.of(server.url("")).connect()) {
            assertThatThrownBy(() -> registry.idFor("t-value", DeadLetter.getClassSchema()))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("Error in the backend data store");
        }
    }
}
