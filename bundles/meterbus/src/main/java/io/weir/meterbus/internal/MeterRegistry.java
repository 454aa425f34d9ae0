package io.weir.meterbus.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.api.command.CommandHandler;
import io.weir.api.command.StatusProvider;

/**
 * The meters running now: their communication under {@code meters} in the gateway's state, and the
 * {@code meter-discover} command, which asks a line for the address of the meter on it (the standards' broadcast
 * read of the address: one meter on the line answers it reliably).
 */
@Component(service = {MeterRegistry.class, StatusProvider.class, CommandHandler.class},
        property = {StatusProvider.NAME + "=meters", CommandHandler.NAME + "=meter-discover"})
public final class MeterRegistry implements StatusProvider, CommandHandler {

    private final List<MeterState> meters = new ArrayList<>();
    private final Lines lines;
    private final ObjectMapper json = new ObjectMapper();

    @Activate
    public MeterRegistry(@Reference Lines lines) {
        this.lines = lines;
    }

    synchronized void add(MeterState meter) {
        meters.add(meter);
    }

    synchronized void remove(MeterState meter) {
        meters.remove(meter);
    }

    @Override
    public synchronized String statusJson() {
        try {
            return json.writeValueAsString(Map.of("meters", meters.stream().map(MeterState::snapshot).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status of strings and numbers always serialises", e);
        }
    }

    /** Arguments: {@code link} (a configured line), {@code protocol} (dlt645 | cjt188), {@code meterType} (CJ/T 188). */
    @Override
    public String handle(Map<String, String> args) throws Exception {
        String linkName = args.getOrDefault("link", "");
        Line line = lines.find(linkName).orElseThrow(() -> new IllegalArgumentException("no configured meter line '"
                + linkName + "'"));
        String protocol = args.getOrDefault("protocol", "dlt645").strip().toLowerCase();
        int type = Integer.decode(args.getOrDefault("meterType", "0x10"));
        String address = line.call(() -> Discovery.discover(line.link(), protocol, type), 10_000);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("link", line.name());
        reply.put("protocol", protocol);
        reply.put("address", address);
        return json.writeValueAsString(reply);
    }
}
