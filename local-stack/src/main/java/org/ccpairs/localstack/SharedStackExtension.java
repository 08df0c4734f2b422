package org.ccpairs.localstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension giving every test class of a JVM the same real Kafka broker ({@link
 * EmbeddedKafka}, in this JVM) and schema registry ({@link SchemaRegistryProcess}, a child
 * process), started on first use on free ports and stopped when the test run ends (or, at the
 * latest, when the JVM exits).
 *
 * <pre>{@code
 * @ExtendWith(SharedStackExtension.class)
 * class MyJobITCase {
 *     @BeforeAll
 *     static void topics() {
 *         SharedStackExtension.kafka().createTopics(1, "pages");
 *     }
 * }
 * }</pre>
 *
 * <p>It never skips: if a component cannot start, {@link #beforeAll} and the accessors throw a
 * {@link LocalStackException} with the reason, so the test class fails; later classes get the same
 * failure at once instead of waiting for another timeout.
 */
public final class SharedStackExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedStackExtension.class);

    /** Starts the shared stack if needed; it is closed with JUnit's root context. */
    @Override
    public void beforeAll(ExtensionContext context) {
        SharedStack stack = SharedStack.get();
        // The root store closes AutoCloseable values when the whole test run ends.
        context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> stack, SharedStack.class);
    }

    /**
     * The shared broker, started if needed; usable from {@code @BeforeAll}; never null.
     *
     * @throws LocalStackException if it cannot be started
     */
    public static EmbeddedKafka kafka() {
        return SharedStack.get().kafka();
    }

    /**
     * The shared registry's Confluent-compatible base URL ({@code
     * http://localhost:PORT/apis/ccompat/v7}), started if needed; never null.
     *
     * @throws LocalStackException if it cannot be started
     */
    public static String registryUrl() {
        return SharedStack.get().registry().url();
    }
}
