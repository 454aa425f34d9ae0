package io.weir.simulator.cli;

/** slf4j-simple settings for the command line, each kept if the user set it with -D. */
public final class LogDefaults {

    private LogDefaults() {
    }

    public static void apply() {
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        // The broker's start-up chatter would bury the lines people watch during a demo.
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.activemq", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.com.ghgande", "warn");
    }

    /** Sets a system property unless the user gave it with -D. */
    public static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
