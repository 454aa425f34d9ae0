package io.weir.simulator.cli;

import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a started stand-in running until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes it. */
final class UntilShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(UntilShutdown.class);

    private UntilShutdown() {
    }

    static int run(String what, AutoCloseable running) {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping the {}", what);
            try {
                running.close();
            } catch (Exception e) {
                LOG.warn("the {} did not stop cleanly", what, e);
            } finally {
                closed.countDown();
            }
        }, "weir-simulator-shutdown"));
        LOG.info("{} running; Ctrl-C stops it", what);
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
