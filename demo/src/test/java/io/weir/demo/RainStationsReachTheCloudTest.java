package io.weir.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.cloud.query.StoredReading;
import io.weir.simulator.scenario.Scenario;
import io.weir.simulator.scenario.ScenarioStep;

/**
 * Two SL 651 rain stations (the simulator's RTUs) report 70 minutes of rain to the gateway's SL 651 centre, in
 * timed reports and in the hourly report that repeats the hour's twelve 5-minute amounts; every interval reaches
 * the cloud once, keyed by the station's code and timed by its observation time.
 */
class RainStationsReachTheCloudTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @Test
    void everyFiveMinutesOfRainReachesTheCloudOnce() throws Exception {
        var steps = new ArrayList<ScenarioStep>();
        for (int i = 0; i <= 13; i++) {
            steps.add(new ScenarioStep(5 * i, 2.10, 2.0));
        }
        Chain.Options fixture = ChainFixture.options(work);
        var options = new Chain.Options(fixture.workDir(), fixture.host(), 0, 0, 0, 0, fixture.gatewayJar(),
                fixture.profilesDir(), "1s", Scenario.of("steady-rain", steps), 3000);
        try (Chain chain = Chain.startCloudAndField(options)) {
            chain.startGateway(null);
            assertThat(chain.sl651Port(PATIENCE)).isPositive();
            await("the rain of both stations in the cloud").atMost(PATIENCE).until(() ->
                    rain("0062001301", chain).size() == 14 && rain("0062001302", chain).size() == 14
                            && chain.rainStations().rowsPlayed() == 14);
            assertThat(rain("0062001301", chain)).extracting(StoredReading::value).containsOnly(2.0);
            assertThat(rain("0062001302", chain)).extracting(StoredReading::value).containsOnly(1.6);
            assertThat(rain("0062001301", chain)).extracting(StoredReading::ts).doesNotHaveDuplicates();
            assertThat(chain.rainStations().unanswered()).isZero();
        }
    }

    private static List<StoredReading> rain(String station, Chain chain) {
        return chain.cloud().queries().readings(Chain.GATEWAY_ID).stream()
                .filter(r -> r.channel().equals("62001200/" + station + "/rain_5min")).toList();
    }
}
