package io.weir.bench;

/** The floor: a JVM with the gateway's flags that does nothing. Its resident memory is what Java itself costs. */
public final class IdleJvm {

    private IdleJvm() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("idle");
        Thread.currentThread().join();
    }
}
