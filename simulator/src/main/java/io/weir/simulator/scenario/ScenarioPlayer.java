package io.weir.simulator.scenario;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.simulator.field.FieldDeviceServer;

/**
 * Replays a {@link Scenario} onto the field devices, faster than real time by a speed factor: at 600, the five
 * scenario minutes between two rows pass in half a second. Each row sets the radar's water level and lets the
 * row's rain fall into the rain gauge; after the last row the devices keep the last values.
 *
 * <p>Timing comes only from the injected scheduler, so a test can step the replay with a scheduler of its own.
 * It logs when the river passes one of the thresholds, not every step.
 */
public final class ScenarioPlayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioPlayer.class);
    private static final long NANOS_PER_MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final Scenario scenario;
    private final FieldDeviceServer devices;
    private final ScheduledExecutorService scheduler;
    private final double speed;
    private final ThresholdCrossings crossings;

    private int nextRow;
    private ScheduledFuture<?> pending;
    private boolean started;
    private boolean stopped;

    public ScenarioPlayer(Scenario scenario, FieldDeviceServer devices, ScheduledExecutorService scheduler,
            double speed) {
        this(scenario, devices, scheduler, speed, LevelThreshold.STATION_DEFAULTS);
    }

    public ScenarioPlayer(Scenario scenario, FieldDeviceServer devices, ScheduledExecutorService scheduler,
            double speed, List<LevelThreshold> thresholds) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite factor > 0, was " + speed);
        }
        this.speed = speed;
        this.crossings = new ThresholdCrossings(thresholds);
    }

    /** Applies the first row now and schedules the rest. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the player has already been started");
        }
        started = true;
        LOG.info("playing {} at {}x: {} scenario minutes take {} s", scenario, format(speed),
                scenario.durationMinutes(), format(scenario.durationMinutes() * 60 / speed));
        playNextRow();
    }

    /** How many rows have been applied so far. */
    public synchronized int rowsPlayed() {
        return nextRow;
    }

    /** The row the devices show now, or null before {@link #start()}. */
    public synchronized ScenarioStep current() {
        return nextRow == 0 ? null : scenario.steps().get(nextRow - 1);
    }

    /** Whether the last row has been applied; the devices hold its values from then on. */
    public synchronized boolean finished() {
        return nextRow == scenario.steps().size();
    }

    /** Stops the replay where it is; the devices keep the values of the last row applied. */
    @Override
    public synchronized void close() {
        stopped = true;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private synchronized void playNextRow() {
        if (stopped) {
            return;
        }
        List<ScenarioStep> steps = scenario.steps();
        ScenarioStep previous = nextRow == 0 ? null : steps.get(nextRow - 1);
        ScenarioStep step = steps.get(nextRow);
        apply(step);
        logCrossings(previous, step);
        nextRow++;
        if (nextRow < steps.size()) {
            long gapNanos = Math.round((steps.get(nextRow).minute() - step.minute()) * NANOS_PER_MINUTE / speed);
            pending = scheduler.schedule(this::playNextRow, gapNanos, TimeUnit.NANOSECONDS);
        } else {
            pending = null;
            LOG.info("{} finished at minute {}: holding water level {}", scenario.name(), step.minute(),
                    ThresholdCrossings.measured(step.waterLevelM()));
        }
    }

    private void apply(ScenarioStep step) {
        devices.setWaterLevelMm((int) Math.round(step.waterLevelM() * 1000));
        if (step.rainMm() > 0) {
            devices.addRainMm(step.rainMm());
        }
    }

    private void logCrossings(ScenarioStep previous, ScenarioStep step) {
        if (previous == null) {
            return;
        }
        List<String> passed = crossings.between(previous, step);
        if (!passed.isEmpty()) {
            LOG.info("{} minute {} ({}): water level {} {}", scenario.name(), step.minute(), clock(step.minute()),
                    ThresholdCrossings.measured(step.waterLevelM()), String.join(", ", passed));
        }
    }

    private static String clock(int minute) {
        return String.format(Locale.ROOT, "+%02d:%02d", minute / 60, minute % 60);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "");
    }
}
