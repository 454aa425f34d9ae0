package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.weir.api.store.MessageClass;
import io.weir.api.store.StoredMessage;

/** The compact telemetry encoding, read back as a receiver would: gunzipped and compared with docs/protocol.md. */
class CompactTelemetryTest {

    private static final Instant SENT_AT = Instant.parse("2026-11-21T08:00:05Z");
    private static final String[] METER_POINTS = {"voltage_a", "voltage_b", "voltage_c", "current_a", "current_b",
            "current_c", "power_total", "power_factor", "frequency", "energy_import"};

    /** A reading record as the store writes it (RecordCodec): channel, ts, value, decimals, unit, quality, reason. */
    private static String record(String channel, String ts, String value, Integer decimals, String unit,
                                 String quality, String reason) {
        return "{\"channel\":\"" + channel + "\",\"ts\":\"" + ts + "\""
                + (value == null ? "" : ",\"value\":" + value)
                + (decimals == null ? "" : ",\"decimals\":" + decimals)
                + (unit.isEmpty() ? "" : ",\"unit\":\"" + unit + "\"")
                + ",\"quality\":\"" + quality + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
    }

    private static String gunzip(byte[] payload) {
        assertThat(payload[0] & 0xff).isEqualTo(0x1f);
        assertThat(payload[1] & 0xff).isEqualTo(0x8b);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(payload))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void groupsReadingsPerChannelWithNamesOnceAndOffsetsFromTheEarliest() {
        var message = new StoredMessage(1042, MessageClass.TELEMETRY, List.of(
                record("62001200/radar-1/water_level", "2026-11-21T08:00:00Z", "4.600", 3, "m", "GOOD", null),
                record("62001200/rain-1/rain_counter", "2026-11-21T08:00:00.000250Z", null, null, "mm", "BAD",
                        "COMM_ERROR"),
                record("62001200/radar-1/water_level", "2026-11-21T08:00:01Z", "4.612", 3, "m", "UNCERTAIN",
                        "CLOCK_UNSYNCED"),
                record("62001200/pump-1/running", "2026-11-21T08:00:02Z", "true", null, "", "GOOD", null),
                record("62001200/pump-1/serial", "2026-11-21T08:00:02Z", "\"SN-\\\"7\\\"\"", null, "", "GOOD", null)));

        String json = gunzip(new Envelopes(TelemetryEncoding.COMPACT).message("gw-yx-001", message, SENT_AT));

        assertThat(json).isEqualTo("{\"v\":2,\"gatewayId\":\"gw-yx-001\",\"seq\":1042,"
                + "\"sentAt\":\"2026-11-21T08:00:05Z\",\"t0\":\"2026-11-21T08:00:00Z\",\"series\":["
                + "{\"channel\":\"62001200/radar-1/water_level\",\"unit\":\"m\",\"decimals\":3,"
                + "\"rows\":[[0,4.600,0],[1000,4.612,1,\"CLOCK_UNSYNCED\"]]},"
                + "{\"channel\":\"62001200/rain-1/rain_counter\",\"unit\":\"mm\","
                + "\"rows\":[[0.25,null,2,\"COMM_ERROR\"]]},"
                + "{\"channel\":\"62001200/pump-1/running\",\"rows\":[[2000,true,0]]},"
                + "{\"channel\":\"62001200/pump-1/serial\",\"rows\":[[2000,\"SN-\\\"7\\\"\",0]]}]}");
    }

    /** One poll's readings share a time; a later poll's may come back to it; t0 is the earliest of all. */
    @Test
    void readingsSharingATimeEachGetItsOffset() {
        var message = new StoredMessage(9, MessageClass.TELEMETRY, List.of(
                record("s/m1/a", "2026-11-21T08:00:00.000500Z", "1", null, "", "GOOD", null),
                record("s/m1/b", "2026-11-21T08:00:00.000500Z", "2", null, "", "GOOD", null),
                record("s/m2/a", "2026-11-21T08:00:00Z", "3", null, "", "GOOD", null),
                record("s/m2/b", "2026-11-21T08:00:00Z", "4", null, "", "GOOD", null),
                record("s/m1/a", "2026-11-21T08:00:00.000500Z", "5", null, "", "GOOD", null),
                record("s/m1/b", "2026-11-21T08:00:01.000500Z", "6", null, "", "GOOD", null)));

        String json = gunzip(new Envelopes(TelemetryEncoding.COMPACT).message("gw-yx-001", message, SENT_AT));

        assertThat(json).contains("\"t0\":\"2026-11-21T08:00:00Z\"",
                "{\"channel\":\"s/m1/a\",\"rows\":[[0.5,1,0],[0.5,5,0]]}",
                "{\"channel\":\"s/m1/b\",\"rows\":[[0.5,2,0],[1000.5,6,0]]}",
                "{\"channel\":\"s/m2/a\",\"rows\":[[0,3,0]]}", "{\"channel\":\"s/m2/b\",\"rows\":[[0,4,0]]}");
    }

    @Test
    void aRecordTheCompactFormCannotHoldGoesAsJsonRatherThanStoppingTheUplink() {
        var message = new StoredMessage(7, MessageClass.TELEMETRY, List.of("{\"channel\":\"c\",\"value\":1.5}"));

        byte[] payload = new Envelopes(TelemetryEncoding.COMPACT).message("gw-yx-001", message, SENT_AT);

        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("{\"v\":1,\"gatewayId\":\"gw-yx-001\","
                + "\"seq\":7,\"sentAt\":\"2026-11-21T08:00:05Z\",\"readings\":[{\"channel\":\"c\",\"value\":1.5}]}");
    }

    @Test
    void alarmsStayJson() {
        var message = new StoredMessage(8, MessageClass.ALARM, List.of("{\"alarmId\":\"a1\"}"));

        assertThat(new String(new Envelopes(TelemetryEncoding.COMPACT).message("gw-yx-001", message, SENT_AT),
                StandardCharsets.UTF_8)).startsWith("{\"v\":1,");
    }

    /**
     * Issue 18's job: 50 Modbus TCP meters x 10 float32 points, read once a second, one second's batch in one message.
     * Values are float32 read into doubles as the store writes them: as measured (229.8000030517578) when the
     * profile gives no decimals, rounded (229.8) when it gives 1. Timestamps are those of Java's system clock
     * (microseconds), one per meter's poll. Prints bytes per reading on the MQTT wire: the payload plus the PUBLISH
     * packet's header, topic and packet id.
     */
    @Test
    void fiftyMetersOfTenPointsTakeAFractionOfTheBytesOfJson() {
        for (Integer decimals : new Integer[] {null, 1}) {
            StoredMessage message = fiftyMetersOneSecond(decimals);
            int readings = message.records().size();
            int json = onTheWire(new Envelopes(TelemetryEncoding.JSON).message("gw-yx-001", message, SENT_AT));
            int compact = onTheWire(new Envelopes(TelemetryEncoding.COMPACT).message("gw-yx-001", message, SENT_AT));

            System.out.printf("telemetry of 50 meters x 10 float32 points, one 1 s batch of %d readings, decimals %s:"
                    + " json %.1f bytes per reading, compact %.1f%n", readings, decimals == null ? "none" : decimals,
                    (double) json / readings, (double) compact / readings);
            assertThat(compact).isLessThan(json / 5);
        }
    }

    private static StoredMessage fiftyMetersOneSecond(Integer decimals) {
        var records = new ArrayList<String>();
        Instant second = Instant.parse("2026-11-21T08:00:00Z");
        for (int meter = 0; meter < 50; meter++) {
            String ts = second.plusNanos(meter * 19_000_000L + 123_456_000L - meter * 1_000L).toString();
            for (int point = 0; point < METER_POINTS.length; point++) {
                double value = (float) (220 + meter * 0.37 + point * 1.13 + Math.sin(meter + point) / 7);
                String written = decimals == null ? Double.toString(value)
                        : BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
                records.add(record(String.format("62001200/meter-%02d/%s", meter + 1, METER_POINTS[point]), ts,
                        written, decimals, "V", "GOOD", null));
            }
        }
        return new StoredMessage(1042, MessageClass.TELEMETRY, records);
    }

    /** The MQTT 3.1.1 PUBLISH (QoS 1) that carries the payload on topic weir/v1/gw-yx-001/telemetry. */
    private static int onTheWire(byte[] payload) {
        int variable = 2 + "weir/v1/gw-yx-001/telemetry".length() + 2 + payload.length;
        int lengthBytes = variable < 128 ? 1 : variable < 16_384 ? 2 : variable < 2_097_152 ? 3 : 4;
        return 1 + lengthBytes + variable;
    }
}
