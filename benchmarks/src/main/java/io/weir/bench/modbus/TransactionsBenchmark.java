package io.weir.bench.modbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.plc4x.java.DefaultPlcDriverManager;
import org.apache.plc4x.java.api.PlcConnection;
import org.apache.plc4x.java.api.messages.PlcReadRequest;
import org.apache.plc4x.java.api.messages.PlcReadResponse;
import org.apache.plc4x.java.api.types.PlcResponseCode;

import io.weir.api.Quality;
import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.Point;
import io.weir.modbus.internal.ModbusBenchAccess;
import io.weir.modbus.internal.ModbusBenchAccess.BenchDevice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Transactions per poll cycle for the {@link BenchSite} (20 devices, 600 channels), counted at the j2mod slaves:
 * Weir's poller, one read per channel, and Apache PLC4X's Modbus driver (0.13.1, with its request optimizer) reading
 * the same channels from the same slaves; beside them the fewest transactions that can do it.
 */
@Command(name = "modbus-transactions", mixinStandardHelpOptions = true)
public final class TransactionsBenchmark implements Callable<Integer> {

    @Option(names = "--cycles", defaultValue = "5", description = "Poll cycles measured per master")
    int cycles;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TransactionsBenchmark()).execute(args));
    }

    private record Cycle(long transactions, long good) {
    }

    @Override
    public Integer call() throws Exception {
        List<DeviceProfile> site = BenchSite.profiles();
        int channels = BenchSite.channels(site);
        int minimum = site.stream().mapToInt(p -> BenchSite.minimumTransactions(p, true)).sum();
        int minimumAnyGap = site.stream().mapToInt(p -> BenchSite.minimumTransactions(p, false)).sum();
        var slaves = new ArrayList<CountingSlave>();
        try {
            for (DeviceProfile p : site) {
                slaves.add(new CountingSlave(BenchSite.registersNeeded(p), 64, BenchSite.holes(p)));
            }
            List<Cycle> weir = weir(site, slaves);
            List<Cycle> perChannel = perChannel(site, slaves);
            List<Cycle> plc4x = plc4x(site, slaves);
            System.out.printf(Locale.ROOT, "site: %d devices, %d channels; fewest transactions per cycle: %d"
                    + " (with each profile's maxGap), %d (bridging any gap)%n", site.size(), channels, minimum,
                    minimumAnyGap);
            print("Weir", weir, minimum, channels);
            print("one read per channel", perChannel, minimum, channels);
            print("PLC4X 0.13.1", plc4x, minimum, channels);
        } finally {
            slaves.forEach(CountingSlave::close);
        }
        return 0;
    }

    private static void print(String who, List<Cycle> cycles, int minimum, int channels) {
        long median = median(cycles.stream().mapToLong(Cycle::transactions).toArray());
        long good = median(cycles.stream().mapToLong(Cycle::good).toArray());
        System.out.printf(Locale.ROOT, "%-22s transactions/cycle median %4d (runs %s)  ratio to minimum %.2f"
                + "  good values %d/%d%n", who, median, cycles.stream().map(c -> String.valueOf(c.transactions()))
                .toList(), median / (double) minimum, good, channels);
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private List<Cycle> weir(List<DeviceProfile> site, List<CountingSlave> slaves) throws Exception {
        var devices = new ArrayList<BenchDevice>();
        try {
            for (int i = 0; i < site.size(); i++) {
                devices.add(ModbusBenchAccess.tcpDevice("d" + i, 1, site.get(i), "127.0.0.1", slaves.get(i).port()));
            }
            devices.forEach(BenchDevice::poll); // connect; a hole that was not declared would be learned here
            var result = new ArrayList<Cycle>();
            for (int c = 0; c < cycles; c++) {
                slaves.forEach(CountingSlave::reset);
                long good = 0;
                for (BenchDevice d : devices) {
                    good += d.poll().stream().filter(r -> r.quality() == Quality.GOOD).count();
                }
                result.add(new Cycle(total(slaves), good));
            }
            return result;
        } finally {
            for (BenchDevice d : devices) {
                d.close();
            }
        }
    }

    private List<Cycle> perChannel(List<DeviceProfile> site, List<CountingSlave> slaves) {
        var links = new ArrayList<ModbusBenchAccess.RawLink>();
        try {
            for (int i = 0; i < site.size(); i++) {
                links.add(ModbusBenchAccess.rawTcpLink("127.0.0.1", slaves.get(i).port(), 500));
            }
            var result = new ArrayList<Cycle>();
            for (int c = 0; c < cycles + 1; c++) {
                slaves.forEach(CountingSlave::reset);
                long good = 0;
                for (int i = 0; i < site.size(); i++) {
                    for (Point p : site.get(i).points()) {
                        good += links.get(i).read(p.function(), 1, p.address(), p.span()) ? 1 : 0;
                    }
                }
                if (c > 0) { // the first cycle connects
                    result.add(new Cycle(total(slaves), good));
                }
            }
            return result;
        } finally {
            links.forEach(ModbusBenchAccess.RawLink::close);
        }
    }

    private List<Cycle> plc4x(List<DeviceProfile> site, List<CountingSlave> slaves) throws Exception {
        var manager = new DefaultPlcDriverManager();
        var connections = new ArrayList<PlcConnection>();
        try {
            var requests = new ArrayList<PlcReadRequest>();
            for (int i = 0; i < site.size(); i++) {
                DeviceProfile p = site.get(i);
                PlcConnection connection = manager.getConnection("modbus-tcp://127.0.0.1:" + slaves.get(i).port()
                        + "?default-unit-identifier=1&request-timeout=2000&max-registers-per-request="
                        + p.maxBlockRegisters());
                connections.add(connection);
                PlcReadRequest.Builder builder = connection.readRequestBuilder();
                for (Point point : p.points()) {
                    builder.addTagAddress(point.name(), plc4xAddress(point));
                }
                requests.add(builder.build());
            }
            var result = new ArrayList<Cycle>();
            var lostByKind = new java.util.TreeMap<String, Long>();
            for (int c = 0; c < cycles + 1; c++) {
                slaves.forEach(CountingSlave::reset);
                lostByKind.clear();
                long good = 0;
                for (int i = 0; i < requests.size(); i++) {
                    PlcReadResponse response = requests.get(i).execute().get(30, TimeUnit.SECONDS);
                    for (String tag : response.getTagNames()) {
                        boolean ok = response.getResponseCode(tag) == PlcResponseCode.OK;
                        good += ok ? 1 : 0;
                        lostByKind.merge(site.get(i).model(), ok ? 0L : 1L, Long::sum);
                    }
                }
                if (c > 0) { // the first cycle connects and pings
                    result.add(new Cycle(total(slaves), good));
                }
            }
            System.out.println("PLC4X values not read, by kind of device (5 devices each): " + lostByKind);
            return result;
        } finally {
            for (PlcConnection c : connections) {
                c.close();
            }
        }
    }

    /** PLC4X numbers Modbus addresses from 1. */
    static String plc4xAddress(Point p) {
        String table = switch (p.function()) {
            case 1 -> "coil";
            case 2 -> "discrete-input";
            case 3 -> "holding-register";
            default -> "input-register";
        };
        String type = switch (p.type()) {
            case BIT -> "BOOL";
            case INT16 -> "INT";
            case UINT16 -> "UINT";
            case INT32 -> "DINT";
            case UINT32 -> "UDINT";
            case FLOAT32 -> "REAL";
            case INT64 -> "LINT";
            case UINT64 -> "ULINT";
            case FLOAT64 -> "LREAL";
            case STRING -> throw new IllegalArgumentException("no strings on this site");
        };
        return table + ":" + (p.address() + 1) + ":" + type;
    }

    private static long total(List<CountingSlave> slaves) {
        return slaves.stream().mapToLong(CountingSlave::reads).sum();
    }

}
