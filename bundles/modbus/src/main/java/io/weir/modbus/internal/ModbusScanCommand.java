package io.weir.modbus.internal;

import java.time.Duration;
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
 * {@code modbus-scan}: {@code link=<configured link> [units=1-247] [timeoutMs=200]} asks every unit id in the range
 * on a configured serial port or TCP gateway, between the polls of the devices already on it, and answers which
 * ids replied and how long the scan took. A link is named as configured: {@code /dev/ttyUSB0},
 * {@code 10.0.0.5:502}, or in full ({@code rtu-over-tcp://10.0.0.5:4001}).
 */
@Component(service = CommandHandler.class, property = CommandHandler.NAME + "=modbus-scan")
public final class ModbusScanCommand implements CommandHandler {

    static final int DEFAULT_TIMEOUT_MS = 200;
    static final int MAX_TIMEOUT_MS = 5000;

    private final Endpoints endpoints;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public ModbusScanCommand(@Reference Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public String handle(Map<String, String> args) throws Exception {
        String link = args.get("link");
        if (link == null || link.isBlank()) {
            throw new IllegalArgumentException("argument 'link' is missing (a serial port or host:port as configured)");
        }
        Endpoint endpoint = endpoints.find(link);
        int[] units = units(args.getOrDefault("units", "1-247"));
        int timeout = timeout(args.getOrDefault("timeoutMs", String.valueOf(DEFAULT_TIMEOUT_MS)));
        CompletableFuture<BusScan.Result> scan = BusScan.start(endpoint, units[0], units[1], timeout,
                System::nanoTime);
        // every probe may take its timeout, and polls run in between: allow twice that, plus a margin
        Duration wait = Duration.ofMillis(2L * (units[1] - units[0] + 1) * (timeout + 50)).plusSeconds(30);
        try {
            return json.writeValueAsString(scan.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            scan.cancel(false);
            throw new Exception("the scan of " + endpoint + " did not finish within " + wait.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new Exception("the scan of " + endpoint + " stopped: " + e.getCause().getMessage(), e.getCause());
        }
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

    private static int timeout(String text) {
        try {
            int ms = Integer.parseInt(text.strip());
            if (ms >= 1 && ms <= MAX_TIMEOUT_MS) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("timeoutMs '" + text + "' is not a whole number of milliseconds in 1.."
                + MAX_TIMEOUT_MS);
    }
}
