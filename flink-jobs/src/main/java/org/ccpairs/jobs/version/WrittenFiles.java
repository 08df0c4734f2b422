package org.ccpairs.jobs.version;

/**
 * Data files a writer closed at a checkpoint, all holding pairs of one segment.
 *
 * @param writeResult an Iceberg {@code WriteResult} serialized by {@code WriteResultSerializer}
 * @param serializerVersion the serializer's version when it was written
 */
public record WrittenFiles(
        long checkpointId,
        long segmentSeq,
        int subtask,
        int serializerVersion,
        byte[] writeResult) {}
