package io.weir.simulator.sl651;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.simulator.scenario.Scenario;
import io.weir.simulator.scenario.ScenarioStep;

/**
 * Rain stations replaying a scenario's rain to an SL 651 centre, faster than real time: each scenario row (five
 * minutes) is a timed report with that interval's rain (PN05) and the cumulative rain (PT); each full hour the
 * hourly report follows with the hour's twelve 5-minute amounts (DRP), repeating intervals the centre already has,
 * as real RTUs do. Station i gets the row's rain times its factor. Observation times start at {@code start}
 * (Beijing time) and advance five minutes a row.
 */
public final class RainStationReplay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RainStationReplay.class);
    private static final Duration REPLY = Duration.ofSeconds(30);

    private final Scenario scenario;
    private final List<SimulatedRtu> stations;
    private final double[] factors;
    private final double[] totals;
    private final List<List<Double>> hour = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final double speed;
    private final LocalDateTime start;
    private int row;
    private int unanswered;
    private ScheduledFuture<?> pending;
    private boolean stopped;

    public RainStationReplay(Scenario scenario, List<SimulatedRtu> stations, double[] factors,
                             ScheduledExecutorService scheduler, double speed, LocalDateTime start) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.stations = List.copyOf(stations);
        this.factors = factors.clone();
        this.totals = new double[stations.size()];
        this.scheduler = scheduler;
        this.speed = speed;
        this.start = start.withSecond(0).withNano(0);
        for (int i = 0; i < stations.size(); i++) {
            hour.add(new ArrayList<>());
        }
    }

    public synchronized void start() {
        playRow();
    }

    /** Reports the centre has not acknowledged so far. */
    public synchronized int unanswered() {
        return unanswered;
    }

    public synchronized int rowsPlayed() {
        return row;
    }

    private synchronized void playRow() {
        if (stopped || row >= scenario.steps().size()) {
            return;
        }
        ScenarioStep step = scenario.steps().get(row);
        LocalDateTime observed = start.plusMinutes(5L * (row + 1));
        for (int i = 0; i < stations.size(); i++) {
            double rain = Math.round(step.rainMm() * factors[i] * 10) / 10.0;
            totals[i] += rain;
            hour.get(i).add(rain);
            try {
                SimulatedRtu rtu = stations.get(i);
                if (rtu.timed(observed, rain, totals[i], null, 12.6, REPLY) == null) {
                    unanswered++;
                }
                if (observed.getMinute() == 0) {
                    Double[] series = new Double[12];
                    List<Double> h = hour.get(i);
                    for (int k = 0; k < 12; k++) {
                        int from = h.size() - 12 + k;
                        series[k] = from >= 0 ? h.get(from) : null;
                    }
                    if (rtu.hourly(observed, series, totals[i], REPLY) == null) {
                        unanswered++;
                    }
                    h.clear();
                }
            } catch (IOException e) {
                unanswered++;
                LOG.warn("rain station {}: report not sent: {}", stations.get(i).station(), e.getMessage());
            }
        }
        row++;
        if (row < scenario.steps().size()) {
            long gap = Math.round((scenario.steps().get(row).minute() - step.minute()) * 60_000_000_000L / speed);
            pending = scheduler.schedule(this::playRow, gap, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public synchronized void close() {
        stopped = true;
        if (pending != null) {
            pending.cancel(false);
        }
        for (SimulatedRtu rtu : stations) {
            try {
                rtu.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
