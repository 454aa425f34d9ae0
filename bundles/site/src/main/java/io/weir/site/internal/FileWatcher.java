package io.weir.site.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when files in some directories change, on a thread of its own that {@link #close()} stops.
 * Events that arrive within a quiet period of each other become one call: an editor's save is often several
 * writes, and reading between them would report a half-written file.
 */
final class FileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileWatcher.class);
    private static final long JOIN_MILLIS = 5_000;

    private final WatchService service;
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private final Predicate<Path> relevant;
    private final Duration quiet;
    private final Runnable onChange;
    private final Thread thread;

    /**
     * @param dirs     directories to watch; those that do not exist are skipped with a warning
     * @param relevant which changed files (absolute paths) call for {@code onChange}
     * @param quiet    how long to wait for more events before calling back
     * @param onChange the callback; its exceptions are logged and watching goes on
     */
    FileWatcher(Iterable<Path> dirs, Predicate<Path> relevant, Duration quiet, Runnable onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.relevant = relevant;
        this.quiet = quiet;
        this.onChange = onChange;
        for (Path dir : dirs) {
            Path absolute = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(absolute) || this.dirs.containsValue(absolute)) {
                if (!Files.isDirectory(absolute)) {
                    LOG.warn("not watching {}: no such directory; changes there need a restart", absolute);
                }
                continue;
            }
            this.dirs.put(absolute.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE), absolute);
        }
        this.thread = new Thread(this::run, "weir-site-watcher");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                boolean changed = drain(service.take());
                WatchKey more;
                while ((more = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    changed |= drain(more);
                }
                if (changed) {
                    try {
                        onChange.run();
                    } catch (RuntimeException e) {
                        LOG.error("reloading after a file change failed", e);
                    }
                }
            }
        } catch (ClosedWatchServiceException e) {
            // close() was called: end the thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the key's events touch a relevant file; an overflow (events lost) counts as a change. */
    private boolean drain(WatchKey key) {
        Path dir = dirs.get(key);
        boolean changed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed = true;
            } else if (dir != null && event.context() instanceof Path name) {
                changed |= relevant.test(dir.resolve(name));
            }
        }
        key.reset();
        return changed;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.warn("closing the file watcher failed", e);
        }
        // no interrupt: it could break ConfigAdmin's file I/O in the middle of a reload; a closed service is enough
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
