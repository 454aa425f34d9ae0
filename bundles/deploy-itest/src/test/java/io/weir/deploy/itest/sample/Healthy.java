package io.weir.deploy.itest.sample;

/** The component of the tiny bundles the tests deploy: it activates. Copied as a class file into those bundles. */
public class Healthy {
}
