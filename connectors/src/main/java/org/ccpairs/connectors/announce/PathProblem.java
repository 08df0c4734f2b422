package org.ccpairs.connectors.announce;

/** Why one line of a path list was not used; stable codes, used as dead-letter reasons. */
public enum PathProblem {
    /** Not a relative path of plain names ({@code [A-Za-z0-9._-]}), or not under crawl-data/. */
    MALFORMED_PATH,
    /** A path under another crawl's {@code crawl-data/<crawl>/}. */
    PATH_OF_OTHER_CRAWL,
    /** No {@code segments/<segment>/} part, or a segment id that is not a valid id. */
    PATH_WITHOUT_SEGMENT,
    /** A file of another kind, e.g. a {@code /wat/} file in warc.paths.gz. */
    PATH_OF_OTHER_KIND,
    /** The same path twice; the first is kept. */
    DUPLICATE_PATH
}
