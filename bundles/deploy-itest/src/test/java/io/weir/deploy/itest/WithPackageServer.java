package io.weir.deploy.itest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Test classes that push packages: the package server runs, and the agent is configured, around them. */
abstract class WithPackageServer {

    @BeforeAll
    static void gateway() throws Exception {
        DeployFixture.start();
    }

    @AfterAll
    static void stopServer() {
        DeployFixture.stop();
    }
}
