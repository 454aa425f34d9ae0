package io.weir.console.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.weir.api.Acknowledgement;
import io.weir.api.AlarmAcknowledger;
import io.weir.api.SiteInfo;

/**
 * What the station page needs beyond the local API's readings, status and commands:
 * <pre>
 * GET  /api/station      who and where the gateway is, and its clock
 * GET  /api/alarms       the active alarms
 * POST /api/alarms/ack   body {"alarmId":".."}: acknowledged on site, through the rules as the cloud's alarm-ack is
 * </pre>
 */
final class StationApi {

    private static final Logger LOG = LoggerFactory.getLogger(StationApi.class);

    private final Supplier<SiteInfo> site;
    private final ActiveAlarms alarms;
    private final Supplier<AlarmAcknowledger> acknowledger;
    private final Clock clock;
    private final JsonFactory json = new JsonFactory();

    /**
     * @param site         the gateway's site, or a supplier of null before it is configured
     * @param acknowledger the rules' acknowledger, or a supplier of null while the rules are not running
     */
    StationApi(Supplier<SiteInfo> site, ActiveAlarms alarms, Supplier<AlarmAcknowledger> acknowledger, Clock clock) {
        this.site = site;
        this.alarms = alarms;
        this.acknowledger = acknowledger;
        this.clock = clock;
    }

    boolean handles(String path) {
        return path.equals("/api/station") || path.equals("/api/alarms") || path.equals("/api/alarms/ack");
    }

    /** @param client the address the request came from, recorded with an acknowledgement */
    LocalApi.Response handle(String method, String path, byte[] body, String client) {
        if (path.equals("/api/alarms/ack")) {
            return "POST".equals(method) ? acknowledge(body, client)
                    : LocalApi.error(405, "use POST to acknowledge an alarm");
        }
        if (!"GET".equals(method)) {
            return LocalApi.error(405, method + " is not allowed on " + path);
        }
        if (path.equals("/api/alarms")) {
            return new LocalApi.Response(200, LocalApi.write(json, alarms::write));
        }
        SiteInfo info = site.get();
        return new LocalApi.Response(200, LocalApi.write(json, g -> {
            if (info != null) {
                g.writeStringField("gatewayId", info.gatewayId());
                g.writeStringField("stationCode", info.stationCode());
                g.writeStringField("name", info.name());
                g.writeNumberField("latitude", info.latitude());
                g.writeNumberField("longitude", info.longitude());
            }
            g.writeStringField("now", clock.instant().toString());
        }));
    }

    /**
     * Through the same path as the cloud's alarm-ack: the rules record ACKNOWLEDGED, latched outputs fall silent,
     * and the event goes upstream saying it was taken on site, and from where.
     */
    private LocalApi.Response acknowledge(byte[] body, String client) {
        String alarmId;
        try {
            alarmId = alarmId(body);
        } catch (IOException e) {
            return LocalApi.error(400, "the body must be {\"alarmId\":\"...\"}: " + e.getMessage());
        }
        AlarmAcknowledger rules = acknowledger.get();
        if (rules == null) {
            return LocalApi.error(503, "the rules are not running: nothing can be acknowledged");
        }
        boolean accepted = rules.acknowledge(alarmId, new Acknowledgement("console", client, true));
        LOG.info("alarm {} acknowledged on the console from {}: {}", alarmId, client,
                accepted ? "accepted" : "not active or already acknowledged");
        return new LocalApi.Response(200, LocalApi.write(json, g -> {
            g.writeStringField("alarmId", alarmId);
            g.writeBooleanField("accepted", accepted);
        }));
    }

    private String alarmId(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            throw new IOException("it is empty");
        }
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("alarmId".equals(field) && value == JsonToken.VALUE_STRING && !p.getText().isBlank()) {
                    return p.getText();
                }
                p.skipChildren();
            }
        }
        throw new IOException("alarmId is missing");
    }
}
