package io.weir.bench.job;

import java.io.IOException;
import java.nio.file.Path;

/** A system given the job: it is prepared once, then launched for each run. */
public interface SystemUnderTest {

    /** The name on the command line and in the tables. */
    String name();

    /** What it is, with versions and flags, for the report. */
    String description();

    /** The MQTT topic filter its readings are published under. */
    String topicFilter();

    /** A decoder for one run: it may keep state across the messages of that run. */
    TelemetryDecoder decoder(FloatMeters meters);

    /**
     * What its installer does once, before the working life that is measured, in the same {@code work} directory:
     * nothing by default.
     */
    default void commission(Job job, FloatMeters meters, Mosquitto broker, Path work) throws Exception {
    }

    /**
     * Starts it, polling {@code meters} and publishing to {@code broker}; {@code work} is its own scratch directory.
     */
    Launched launch(Job job, FloatMeters meters, Mosquitto broker, Path work) throws IOException;

    /** A started system. */
    interface Launched extends AutoCloseable {

        /** The process whose tree is measured. */
        long pid();

        /** Where its output goes, for the reader of a failure. */
        Path log();

        @Override
        void close() throws InterruptedException;
    }
}
