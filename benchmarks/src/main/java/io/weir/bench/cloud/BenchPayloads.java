package io.weir.bench.cloud;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Gateway payloads of docs/protocol.md (telemetry and alarm batches), written directly as JSON text so that building
 * them costs nothing inside a measurement.
 */
final class BenchPayloads {
    static final String STATION = "62001200";
    private static final String SITE = "{\"stationCode\":\"" + STATION + "\",\"name\":\"Yuxi River Station\","
            + "\"latitude\":30.2741,\"longitude\":120.1551}";

    private BenchPayloads() {
    }

    /**
     * A telemetry batch of {@code readings} water levels over ten stations, timestamped just before {@code base}
     * (so they fall in the current month's PostgreSQL partition).
     */
    static byte[] telemetry(String gatewayId, long seq, int readings, Instant base) {
        StringBuilder json = new StringBuilder(128 + readings * 120);
        json.append("{\"v\":1,\"gatewayId\":\"").append(gatewayId).append("\",\"seq\":").append(seq)
                .append(",\"sentAt\":\"").append(base).append("\",\"readings\":[");
        for (int i = 0; i < readings; i++) {
            if (i > 0) {
                json.append(',');
            }
            Instant ts = base.minus(seq * readings + i, ChronoUnit.MILLIS);
            json.append("{\"channel\":\"620012").append(String.format("%02d", i % 10))
                    .append("/radar-1/water_level\",\"ts\":\"").append(ts).append("\",\"value\":")
                    .append(3 + ((seq * 7 + i) % 1000) / 1000.0)
                    .append(",\"unit\":\"m\",\"quality\":\"GOOD\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An alarm batch with the RAISED event of a new red water-level alarm, which opens one emergency case. */
    static byte[] raised(String gatewayId, long seq, String alarmId, Instant now) {
        Instant ts = now.truncatedTo(ChronoUnit.MILLIS);
        String json = "{\"v\":1,\"gatewayId\":\"" + gatewayId + "\",\"seq\":" + seq + ",\"sentAt\":\"" + ts
                + "\",\"events\":[{\"alarmId\":\"" + alarmId + "\",\"ruleId\":\"river-level\",\"channels\":[\""
                + STATION + "/radar-1/water_level\"],\"level\":\"RED\",\"transition\":\"RAISED\",\"value\":4.2,"
                + "\"threshold\":3.5,\"alarmSeq\":1,\"ts\":\"" + ts + "\",\"site\":" + SITE + "}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
