package org.ccpairs.cli.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ccpairs.connectors.warc.FileReadException;
import org.ccpairs.connectors.warc.HtmlPage;
import org.ccpairs.connectors.warc.WarcPageReader;

/** The HTML pages of every readable WARC file under a folder, in file order. */
final class CorpusPages {
    private CorpusPages() {}

    static List<HtmlPage> read(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files =
                    all.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().contains(".warc"))
                            .filter(f -> !f.getFileName().toString().contains(".wat"))
                            .filter(f -> !f.getFileName().toString().contains(".wet"))
                            .sorted()
                            .toList();
        }
        List<HtmlPage> pages = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                WarcPageReader reader =
                        new WarcPageReader(
                                in, file.toString(), WarcPageReader.DEFAULT_MAX_BODY_BYTES);
                Optional<HtmlPage> page;
                while ((page = reader.next()).isPresent()) {
                    if (page.get().body().length > 0 && !page.get().truncated()) {
                        pages.add(page.get());
                    }
                }
            } catch (FileReadException e) {
                // a broken file gives the pages before the break
            }
        }
        return pages;
    }
}
