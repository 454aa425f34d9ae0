package io.weir.deploy.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A gateway, in its own JVM, whose deploy job takes the whole process down in one step, as a package that exhausts
 * the heap would: the health check halts the JVM. Prints the job's end and what the agent says to a new job.
 */
final class CrashingGateway {

    private CrashingGateway() {
    }

    public static void main(String[] args) throws Exception {
        var installer = new DeployAgentTest.FakeInstaller();
        installer.packages.put("p", "2.0.0");
        var ended = new CountDownLatch(1);
        DeployAgent agent = DeployAgentTest.agent(Path.of(args[0]), installer, (bundles, expected, timeout) -> {
            Runtime.getRuntime().halt(3);
            return Optional.empty();
        }, event -> {
            if (event.type().equals("DEPLOY_FAILED")) {
                ended.countDown();
            }
        });
        agent.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // the event goes out just before the job file and the agent's state record the end
        while (!ended.await(10, TimeUnit.MILLISECONDS) || !agent.currentJob().state().isFinal()) {
            if (System.nanoTime() > deadline) {
                System.out.println("no end: " + agent.currentJob());
                System.exit(2);
            }
        }
        System.out.println("ended " + agent.currentJob().state() + " " + agent.currentJob().reason());
        System.out.println("next job " + agent.install(Map.of("jobId", "job-2", "url", "https://example.org/p.dp",
                "sha256", "0".repeat(64), "name", "p", "version", "3.0.0")));
        agent.close();
        System.exit(0);
    }
}
