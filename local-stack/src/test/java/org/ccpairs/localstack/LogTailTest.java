package org.ccpairs.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir Path dir;

    @Test
    void returnsTheLastLinesIndented() throws Exception {
        String text =
                IntStream.rangeClosed(1, 100)
                        .mapToObj(i -> "line " + i)
                        .collect(Collectors.joining("\n", "", "\n"));
        Path log = Files.writeString(dir.resolve("a.log"), text);

        assertThat(LogTail.read(log, 3)).isEqualTo("  line 98\n  line 99\n  line 100");
    }

    @Test
    void explainsAMissingOrEmptyLog() throws Exception {
        assertThat(LogTail.read(dir.resolve("none.log"), 3)).contains("no log file at");
        assertThat(LogTail.read(Files.createFile(dir.resolve("empty.log")), 3))
                .contains("the log is empty");
    }
}
