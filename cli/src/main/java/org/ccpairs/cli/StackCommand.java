package org.ccpairs.cli;

import java.util.concurrent.Callable;
import org.ccpairs.localstack.LocalStack;
import org.ccpairs.localstack.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ccpairs stack up|down|status}: the local Kafka broker and schema registry. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description = {
            "Start, stop or inspect the local stack: a single-node KRaft Kafka broker and Apicurio"
                + " Registry's Confluent-compatible API, each a process started from Maven Central"
                + " jars.",
            "State, data and logs live under .ccpairs/stack/ in the repository."
        },
        subcommands = {
            StackCommand.Up.class,
            StackCommand.Down.class,
            StackCommand.StatusCommand.class
        })
final class StackCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "up",
            mixinStandardHelpOptions = true,
            description = "Start the stack (no-op when it runs).")
    static final class Up implements Callable<Integer> {
        @Option(
                names = "--kafka-port",
                defaultValue = "" + LocalStack.DEFAULT_KAFKA_PORT,
                description = "Kafka port (0 = any free port). Default: ${DEFAULT-VALUE}.")
        int kafkaPort;

        @Option(
                names = "--registry-port",
                defaultValue = "" + LocalStack.DEFAULT_REGISTRY_PORT,
                description = "Registry port (0 = any free port). Default: ${DEFAULT-VALUE}.")
        int registryPort;

        @Override
        public Integer call() {
            Status status =
                    LocalStack.at(LocalStackEndpoints.stackHome()).up(kafkaPort, registryPort);
            System.out.println(status.render());
            return 0;
        }
    }

    @Command(
            name = "down",
            mixinStandardHelpOptions = true,
            description = "Stop the stack's processes.")
    static final class Down implements Callable<Integer> {
        @Override
        public Integer call() {
            LocalStack.at(LocalStackEndpoints.stackHome()).down();
            System.out.println("stack stopped");
            return 0;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description =
                    "Show each component: running or not, pid, endpoint. Exit code 1 when not"
                            + " healthy.")
    static final class StatusCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            Status status = LocalStack.at(LocalStackEndpoints.stackHome()).status();
            System.out.println(status.render());
            return status.healthy() ? 0 : 1;
        }
    }
}
