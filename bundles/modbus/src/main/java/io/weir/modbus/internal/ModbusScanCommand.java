package io.weir.modbus.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.command.CommandHandler;

/**
 * {@code modbus-scan}: {@code link=<serial port or host:port> [transport=tcp|rtu-over-tcp] [units=1-247]
 * [timeoutMs=200] [baudRates=9600,19200] [parities=none,even]} asks every unit id in the range which is there, on
 * any link, in the site file or not. A link devices poll is scanned between their polls, through their endpoint;
 * another one gets its own for the scan. On a serial port every combination of the baud rates and parities given
 * is tried, for a device whose line settings are unknown. The answer says which ids replied (per combination) and
 * how long it took.
 */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=modbus-scan")
public final class ModbusScanCommand implements CommandHandler {

    static final int DEFAULT_TIMEOUT_MS = 200;
    static final int MAX_TIMEOUT_MS = 5000;
    /** A scan the technician would wait longer for than this is refused: narrow the units or the settings. */
    static final Duration LONGEST_SCAN = Duration.ofMinutes(15);

    private final Endpoints endpoints;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public ModbusScanCommand(@Reference Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String handle(Map<String, String> args) throws Exception {
        LinkSpec spec = LinkArgs.spec(args, endpoints);
        int[] units = units(args.getOrDefault("units", "1-247"));
        int timeout = LinkArgs.integer(args, "timeoutMs", DEFAULT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
        List<SerialSettings> lines = lines(args, spec);
        int combinations = Math.max(1, lines.size());
        // every probe may take its timeout, and polls run in between: allow twice that, plus a margin
        Duration wait = Duration.ofMillis(2L * combinations * (units[1] - units[0] + 1) * (timeout + 50))
                .plusSeconds(30);
        if (wait.compareTo(LONGEST_SCAN) > 0) {
            throw new IllegalArgumentException("the scan could take " + wait.toMinutes() + " minutes (" + combinations
                    + " line settings x " + (units[1] - units[0] + 1) + " units x " + timeout + " ms): scan fewer"
                    + " units or settings");
        }
        Endpoint endpoint = endpoints.borrow(spec);
        try {
            if (lines.isEmpty()) {
                return json.writeValueAsString(scan(endpoint, units, timeout, null, wait));
            }
            var results = new ArrayList<BusScan.Result>();
            var found = new ArrayList<Map<String, Object>>();
            for (SerialSettings line : lines) {
                BusScan.Result result = scan(endpoint, units, timeout, line, wait);
                results.add(result);
                if (!result.present().isEmpty() || !result.garbled().isEmpty()) {
                    var at = new LinkedHashMap<String, Object>();
                    at.put("line", line.toString());
                    at.put("units", result.present());
                    at.put("garbled", result.garbled());
                    found.add(at);
                }
            }
            var answer = new LinkedHashMap<String, Object>();
            answer.put("link", endpoint.name());
            answer.put("found", found);
            answer.put("scans", results);
            return json.writeValueAsString(answer);
        } finally {
            endpoints.release(endpoint);
        }
    }

    private static BusScan.Result scan(Endpoint endpoint, int[] units, int timeout, SerialSettings line,
                                       Duration wait) throws Exception {
        CompletableFuture<BusScan.Result> scan = BusScan.start(endpoint, units[0], units[1], timeout, line,
                System::nanoTime);
        try {
            return scan.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            scan.cancel(false);
            throw new Exception("the scan of " + endpoint + " did not finish within " + wait.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new Exception("the scan of " + endpoint + " stopped: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The line settings to try on a serial port: every baud rate with every parity; none asked, none listed. */
    private static List<SerialSettings> lines(Map<String, String> args, LinkSpec spec) {
        List<String> bauds = LinkArgs.list(args, "baudRates");
        List<String> parities = LinkArgs.list(args, "parities");
        if (bauds.isEmpty() && parities.isEmpty()) {
            return List.of();
        }
        if (spec.framing().overTcp()) {
            throw new IllegalArgumentException("baudRates and parities are tried on a serial port only; a serial"
                    + " device server's line is set in the server (" + spec + ")");
        }
        SerialSettings base = spec.serial();
        var lines = new ArrayList<SerialSettings>();
        for (String baud : bauds.isEmpty() ? List.of(String.valueOf(base.baudRate())) : bauds) {
            for (String parity : parities.isEmpty() ? List.of(base.parity()) : parities) {
                int rate;
                try {
                    rate = Integer.parseInt(baud);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("baud rate '" + baud + "' is not a number");
                }
                lines.add(new SerialSettings(base.port(), rate, base.dataBits(), parity, base.stopBits()));
            }
        }
        return lines;
    }

    /** {@code 1-247} or a single id. */
    static int[] units(String text) {
        String[] parts = text.strip().split("\\s*-\\s*", -1);
        try {
            int from = Integer.parseInt(parts[0]);
            int to = parts.length == 2 ? Integer.parseInt(parts[1]) : from;
            if (parts.length > 2 || from < 0 || to > 255 || from > to) {
                throw new NumberFormatException();
            }
            return new int[] {from, to};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("units '" + text + "' is not a unit id range such as 1-247 within"
                    + " 0..255");
        }
    }
}
