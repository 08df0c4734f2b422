package org.ccpairs.jobs.extract.html;

/**
 * An {@code <img>} with an alt attribute as the streaming scan found it: where its attribute values
 * are in the page bytes, the {@code <source>} elements of its picture, and its figure.
 */
final class RawImage {
    static final int[] KEPT = {
        TagIds.SRC,
        TagIds.ALT,
        TagIds.TITLE_ATTR,
        TagIds.WIDTH,
        TagIds.HEIGHT,
        TagIds.SRCSET,
        TagIds.DATA_SRC,
        TagIds.DATA_LAZY_SRC,
        TagIds.DATA_ORIGINAL,
        TagIds.DATA_SRCSET,
        TagIds.DATA_LAZY_SRCSET
    };

    final int position;
    final int[] start = new int[TagIds.ATTR_COUNT];
    final int[] end = new int[TagIds.ATTR_COUNT];
    final RawImage[] sources;
    final FigureText figure;

    RawImage(ScannedTag tag, int position, RawImage[] sources, FigureText figure) {
        this.position = position;
        java.util.Arrays.fill(start, -1);
        for (int attr : KEPT) {
            start[attr] = tag.valueStart[attr];
            end[attr] = tag.valueEnd[attr];
        }
        this.sources = sources;
        this.figure = figure;
    }
}
