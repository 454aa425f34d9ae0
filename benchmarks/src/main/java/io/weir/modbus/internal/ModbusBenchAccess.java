package io.weir.modbus.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.Reading;
import io.weir.api.ReadingListener;
import io.weir.api.profile.DeviceProfile;

/**
 * The Modbus benchmarks' door into the bundle's package-private acquisition (same package on the benchmark's flat
 * class path): the poller exactly as a device runs it, on Weir's own j2mod links, and whole devices on shared
 * endpoints as the component runs them.
 */
public final class ModbusBenchAccess {

    private ModbusBenchAccess() {
    }

    /** One device's poller and its link; poll from one thread at a time. */
    public static final class BenchDevice implements AutoCloseable {
        private final DevicePoller poller;
        private final AutoCloseable link;
        private final List<int[]> plan;

        private BenchDevice(DevicePoller poller, AutoCloseable link, List<int[]> plan) {
            this.poller = poller;
            this.link = link;
            this.plan = plan;
        }

        /** Polls every point once; the readings. */
        public List<Reading> poll() {
            return poller.poll().readings();
        }

        /** The planned block reads, each {function, address, count}. */
        public List<int[]> plan() {
            return plan;
        }

        @Override
        public void close() throws Exception {
            link.close();
        }
    }

    /** A device on its own Modbus TCP connection. */
    public static BenchDevice tcpDevice(String deviceId, int unitId, DeviceProfile profile, String host, int port) {
        var link = new J2modTcpTransport(host, port, profile.timeoutMillis(), backoff(), Clock.systemUTC());
        return device(deviceId, unitId, profile, link, link);
    }

    /** A serial line (8E1, the Modbus default: 11 bits a character), shared by the devices made with {@link #onBus}. */
    public static AutoCloseable serialBus(String port, int baudRate) {
        return new J2modSerialTransport(new SerialSettings(port, baudRate, 8, "even", 1), 1000, backoff(),
                Clock.systemUTC());
    }

    /** A device on a serial line made by {@link #serialBus}. */
    public static BenchDevice onBus(AutoCloseable bus, String deviceId, int unitId, DeviceProfile profile) {
        var link = (ModbusTransport) bus;
        return device(deviceId, unitId, profile, link.withTimeout(profile.timeoutMillis()), () -> {
        });
    }

    private static BenchDevice device(String deviceId, int unitId, DeviceProfile profile, ModbusTransport reads,
                                      AutoCloseable owned) {
        ReadPlan plan = ReadPlan.of(profile);
        var poller = new DevicePoller(new DeviceChannels("bench", deviceId), unitId, plan, reads, Clock.systemUTC());
        List<int[]> blocks = plan.blocks().stream().map(b -> new int[] {b.function(), b.address(), b.count()})
                .toList();
        return new BenchDevice(poller, owned, blocks);
    }

    /** A plain Modbus TCP link for one read per request, as a naive poller would do it. */
    public static final class RawLink implements AutoCloseable {
        private final J2modTcpTransport link;

        private RawLink(J2modTcpTransport link) {
            this.link = link;
        }

        /** One read; whether it was answered with data. */
        public boolean read(int function, int unitId, int address, int count) {
            ReadResult r = switch (function) {
                case 1 -> link.readCoils(unitId, address, count);
                case 2 -> link.readDiscreteInputs(unitId, address, count);
                case 3 -> link.readHoldingRegisters(unitId, address, count);
                default -> link.readInputRegisters(unitId, address, count);
            };
            return r instanceof ReadResult.Registers || r instanceof ReadResult.Bits;
        }

        @Override
        public void close() {
            link.close();
        }
    }

    public static RawLink rawTcpLink(String host, int port, int timeoutMillis) {
        return new RawLink(new J2modTcpTransport(host, port, timeoutMillis, backoff(), Clock.systemUTC()));
    }

    /** Whole devices as the component runs them: shared endpoints, scheduling, backoff. */
    public static final class Site implements AutoCloseable {
        private final Endpoints endpoints = new Endpoints();
        private final ModbusRegistry registry = new ModbusRegistry();
        private final List<ModbusDevice> devices = new java.util.ArrayList<>();
        private final ObjectMapper json = new ObjectMapper();

        /** Adds and starts an RTU device on a serial port (8E1), delivering its batches to {@code listener}. */
        public void startRtuDevice(String deviceId, int unitId, DeviceProfile profile, String port, int baudRate,
                                   Duration pollInterval, ReadingListener listener) {
            String profileJson;
            try {
                profileJson = json.writeValueAsString(profile);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            var options = new DeviceOptions(deviceId, "", 502, unitId, pollInterval, "bench", profile.id(),
                    profileJson, Framing.RTU, new SerialSettings(port, baudRate, 8, "even", 1));
            var device = new ModbusDevice(options, Clock.systemUTC(), endpoints, registry);
            device.addReadingListener(listener, Map.of());
            devices.add(device);
            device.start();
        }

        @Override
        public void close() throws InterruptedException {
            devices.forEach(ModbusDevice::stop);
            endpoints.closeAll();
        }
    }

    private static Backoff backoff() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));
    }
}
