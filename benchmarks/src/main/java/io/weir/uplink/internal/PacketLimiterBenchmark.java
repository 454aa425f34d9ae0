package io.weir.uplink.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What the uplink's {@link MqttPacketLimiter} costs the gateway's MQTT reader: the same broker byte stream (PUBACKs,
 * as a drain receives them, and 2 KB commands) read the way Paho reads it, packet by packet (one byte, the length
 * bytes, then the rest whole), straight from the stream and through the limiter. In memory, so what is measured is
 * the limiter's own work per packet, not the network's.
 *
 * <p>This class sits in the uplink's package because the limiter is package-private.
 */
@Command(name = "uplink-packet-limiter", mixinStandardHelpOptions = true)
public final class PacketLimiterBenchmark implements Callable<Integer> {

    @Option(names = "--packets", defaultValue = "2000000", description = "PUBACKs per run (default: ${DEFAULT-VALUE})")
    int packets;

    @Option(names = "--commands", defaultValue = "20000", description = "2 KB commands per run (default: ${DEFAULT-VALUE})")
    int commands;

    @Option(names = "--runs", defaultValue = "7")
    int runs;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PacketLimiterBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        byte[] pubacks = pubacks(packets);
        byte[] publishes = publishes(commands);
        for (int warm = 0; warm < 3; warm++) { // let the JIT compile both paths before timing
            read(pubacks, false);
            read(pubacks, true);
            read(publishes, false);
            read(publishes, true);
        }
        List<Double> rawAcks = new ArrayList<>();
        List<Double> limitedAcks = new ArrayList<>();
        List<Double> rawCommands = new ArrayList<>();
        List<Double> limitedCommands = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            boolean limitedFirst = run % 2 == 1; // alternate which goes first
            rawAcks.add(nanosPerPacket(pubacks, packets, limitedFirst));
            limitedAcks.add(nanosPerPacket(pubacks, packets, !limitedFirst));
            rawCommands.add(nanosPerPacket(publishes, commands, limitedFirst));
            limitedCommands.add(nanosPerPacket(publishes, commands, !limitedFirst));
        }
        print("PUBACK (4 bytes)", rawAcks, limitedAcks);
        print("command (2 KB PUBLISH)", rawCommands, limitedCommands);
        return 0;
    }

    private static double nanosPerPacket(byte[] stream, int count, boolean limited) throws IOException {
        long start = System.nanoTime();
        long packetsRead = read(stream, limited);
        long elapsed = System.nanoTime() - start;
        if (packetsRead != count) {
            throw new IllegalStateException("read " + packetsRead + " packets, expected " + count);
        }
        return (double) elapsed / count;
    }

    /** Reads packets as Paho's MqttInputStream does; returns how many. */
    private static long read(byte[] stream, boolean limited) throws IOException {
        InputStream in = new ByteArrayInputStream(stream);
        if (limited) {
            in = MqttPacketLimiter.over(in, CommandOptions.DEFAULT_MAX_BYTES + CommandOptions.PACKET_OVERHEAD,
                    (topic, bytes) -> { });
        }
        DataInputStream data = new DataInputStream(in);
        byte[] packet = new byte[4096];
        long count = 0;
        while (true) {
            int first = data.read();
            if (first < 0) {
                return count;
            }
            int length = 0;
            int shift = 0;
            int digit;
            do {
                digit = data.readUnsignedByte();
                length |= (digit & 0x7f) << shift;
                shift += 7;
            } while ((digit & 0x80) != 0);
            data.readFully(packet, 0, length);
            count++;
        }
    }

    private static byte[] pubacks(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * 4);
        for (int i = 0; i < n; i++) {
            out.write(0x40);
            out.write(0x02);
            out.write((i >> 8) & 0xff);
            out.write(i & 0xff);
        }
        return out.toByteArray();
    }

    private static byte[] publishes(int n) {
        byte[] topic = "weir/v1/gw-bench/cmd/modbus-write".getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2048];
        ByteArrayOutputStream out = new ByteArrayOutputStream(n * (payload.length + 64));
        for (int i = 0; i < n; i++) {
            int length = 2 + topic.length + 2 + payload.length;
            out.write(0x32);
            out.write((length & 0x7f) | 0x80);
            out.write(length >> 7);
            out.write(topic.length >> 8);
            out.write(topic.length & 0xff);
            out.writeBytes(topic);
            out.write((i >> 8) & 0xff);
            out.write(i & 0xff);
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    private static void print(String what, List<Double> raw, List<Double> limited) {
        double rawMedian = median(raw);
        double limitedMedian = median(limited);
        System.out.printf("%s: straight %.1f ns/packet, through the limiter %.1f ns/packet (%.2fx); runs: %s / %s%n",
                what, rawMedian, limitedMedian, limitedMedian / rawMedian, format(raw), format(limited));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> values) {
        List<String> text = new ArrayList<>();
        values.forEach(v -> text.add(String.format("%.1f", v)));
        return String.join(", ", text);
    }
}
