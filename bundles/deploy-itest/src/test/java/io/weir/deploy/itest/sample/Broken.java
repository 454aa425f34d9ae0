package io.weir.deploy.itest.sample;

/** The component of a broken bundle: it fails to activate, as an update with a bug would. */
public class Broken {

    public Broken() {
        throw new IllegalStateException("broken on purpose");
    }
}
