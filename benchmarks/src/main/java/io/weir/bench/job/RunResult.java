package io.weir.bench.job;

/**
 * What one run of one system measured. A time that never came is NaN.
 *
 * @param firstReadingMillis      launch to the first reading at the subscriber
 * @param cpuSecondsPerMinute     the process tree's user + system CPU over the window, per minute
 * @param residentMiB             the process tree's VmRSS at the end of the window
 * @param readingsPerSecond       good readings received per second over the window
 * @param payloadBytesPerReading  MQTT payload bytes per reading received over the window
 * @param wireBytesPerReading     payload and topic bytes per reading
 * @param outageReadingsExpected  readings the job took while the broker was away (whole seconds)
 * @param outageReadingsDelivered of those, how many reached the subscriber
 * @param brokerBackSeconds       broker started again to the first reading taken after that, at the subscriber
 * @param deviceBackSeconds       device server restored to its first reading taken after that, at the subscriber
 * @param badDuringDeviceOutage   BAD readings received while the device server was away
 */
record RunResult(double firstReadingMillis, double cpuSecondsPerMinute, double residentMiB, double readingsPerSecond,
                 double payloadBytesPerReading, double wireBytesPerReading, long outageReadingsExpected,
                 long outageReadingsDelivered, double brokerBackSeconds, double deviceBackSeconds,
                 long badDuringDeviceOutage) {
}
