package io.weir.demo.sample;

/** The component of the bundle a test deploys: it only activates. Copied as a class file into that bundle. */
public class Deployed {
}
