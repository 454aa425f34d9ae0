package io.weir.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The review's "wedged for good" attack, at its root: a job that brings the gateway down in one of its steps must
 * not do so at every start. Real restarts: each run is a new JVM that the job kills.
 */
class DeployRestartAttackTest {

    @TempDir
    Path work;

    @Test
    void aJobThatKillsTheGatewayIsGivenUpAfterThreeRestartsAndTheAgentTakesTheNextJob() throws Exception {
        new JobFile(work.resolve("job.json"), new ObjectMapper()).write(DeployAgentTest.job(JobState.INSTALLED,
                "1.0.0"));
        List<Integer> exits = new ArrayList<>();
        String output = "";
        for (int start = 1; start <= DeployAgent.MAX_RESTARTS + 1; start++) {
            Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashingGateway.class.getName(), work.toString())
                    .redirectErrorStream(true).start();
            output = new String(gateway.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exits.add(gateway.waitFor());
        }

        assertThat(exits).as(output).containsExactly(3, 3, 3, 0);
        assertThat(output).contains("ended FAILED RESTART: the gateway restarted 3 times while this job was INSTALLED;"
                + " given up").contains("next job {\"accepted\":true,\"jobId\":\"job-2\"");
    }
}
