package io.weir.store.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Room on the file system kept for the day it is full: a file of zeros (really written, so its blocks are taken;
 * a sparse file would reserve nothing). When a write fails for want of space the store deletes it, which gives
 * SQLite the room to move its write-ahead log into the database, evict old telemetry and write the alarms; it is
 * written again once the file system has room for it and as much again.
 */
final class Reserve {

    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final long bytes;

    Reserve(Path file, long bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    long bytes() {
        return bytes;
    }

    Path file() {
        return file;
    }

    /** True when the reserve is whole on disk, or none is wanted. */
    boolean inPlace() {
        if (bytes == 0) {
            return true;
        }
        try {
            return Files.size(file) >= bytes;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes the reserve (or what is missing of it) and syncs it, when the file system has room for it and as much
     * again; a write that runs out of room leaves no partial reserve behind.
     *
     * @return true when the reserve is in place
     */
    boolean restore(DiskSpace space) {
        if (inPlace()) {
            return true;
        }
        try {
            long have = Files.exists(file) ? Files.size(file) : 0;
            if (space.usableBytes() < 2 * (bytes - have)) {
                return false;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer zeros = ByteBuffer.allocate(CHUNK);
                for (long at = have; at < bytes; at += CHUNK) {
                    zeros.clear().limit((int) Math.min(CHUNK, bytes - at));
                    while (zeros.hasRemaining()) {
                        ch.write(zeros, at + zeros.position());
                    }
                }
                ch.force(true);
            }
            return true;
        } catch (IOException e) {
            release();
            return false;
        }
    }

    /** Deletes the reserve; returns the bytes given back to the file system. */
    long release() {
        try {
            long size = Files.exists(file) ? Files.size(file) : 0;
            Files.deleteIfExists(file);
            return size;
        } catch (IOException e) {
            return 0;
        }
    }
}
