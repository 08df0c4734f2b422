package org.ccpairs.jobs.extract;

/** The reference extractor against the shared contract. */
class DomImageAltExtractorTest extends TrickyMarkupContract {
    DomImageAltExtractorTest() {
        super(new DomImageAltExtractor());
    }
}
