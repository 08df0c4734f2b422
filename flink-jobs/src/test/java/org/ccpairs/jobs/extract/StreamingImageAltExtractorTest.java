package org.ccpairs.jobs.extract;

import org.ccpairs.jobs.extract.html.StreamingImageAltExtractor;

/** The streaming extractor against the shared contract. */
class StreamingImageAltExtractorTest extends TrickyMarkupContract {
    StreamingImageAltExtractorTest() {
        super(new StreamingImageAltExtractor());
    }
}
