package org.ccpairs.jobs.model;

/**
 * One file of a segment: the unit of parallel reading.
 *
 * @param file absolute URL of the file
 * @param fileIndex position of the file in the announcement, from 0
 */
public record FileSplit(Segment segment, String file, int fileIndex) {}
