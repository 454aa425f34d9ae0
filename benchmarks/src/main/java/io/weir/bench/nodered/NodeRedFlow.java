package io.weir.bench.nodered;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.weir.bench.job.FloatMeters;
import io.weir.bench.job.Job;

/**
 * The flow an integrator builds for the job in Node-RED: per meter a modbus-client and a modbus-read of the job's
 * holding registers every poll interval; one function node that turns each answer into one message per float32
 * point ({@code <prefix>/meter-NN/pN}, the value as payload); one mqtt out (QoS 1, as Weir publishes) to the broker.
 */
final class NodeRedFlow {

    static final String TOPIC_PREFIX = "nodered";
    private static final String TAB = "job";
    private static final String BROKER = "broker";
    private static final String TO_FLOATS = "to-floats";
    private static final String PUBLISH = "publish";

    private static final String TO_FLOATS_CODE = """
            const registers = msg.payload;
            const out = [];
            for (let p = 0; p < registers.length / 2; p++) {
                const bytes = Buffer.alloc(4);
                bytes.writeUInt16BE(registers[2 * p], 0);
                bytes.writeUInt16BE(registers[2 * p + 1], 2);
                out.push({topic: '%s/' + msg.topic + '/p' + p, payload: bytes.readFloatBE(0)});
            }
            return [out];
            """.formatted(TOPIC_PREFIX);

    private NodeRedFlow() {
    }

    static String json(Job job, FloatMeters meters, int brokerPort) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode flow = mapper.createArrayNode();
        flow.addObject().put("id", TAB).put("type", "tab").put("label", "side by side");
        flow.addObject().put("id", BROKER).put("type", "mqtt-broker").put("name", "local")
                .put("broker", "127.0.0.1").put("port", Integer.toString(brokerPort)).put("clientid", "")
                .put("autoConnect", true).put("usetls", false).put("protocolVersion", "4").put("keepalive", "60")
                .put("cleansession", true);
        node(flow, TO_FLOATS, "function", 0).put("func", TO_FLOATS_CODE).put("outputs", 1)
                .set("wires", mapper.createArrayNode().add(mapper.createArrayNode().add(PUBLISH)));
        node(flow, PUBLISH, "mqtt out", 0).put("topic", "").put("qos", "1").put("retain", "false")
                .put("broker", BROKER);
        long millis = job.pollInterval().toMillis();
        boolean wholeSeconds = millis % 1000 == 0;
        for (int m = 0; m < job.meters(); m++) {
            String client = "client-" + m;
            flow.addObject().put("id", client).put("type", "modbus-client").put("name", Job.meterId(m))
                    .put("clienttype", "tcp").put("bufferCommands", true).put("stateLogEnabled", false)
                    .put("queueLogEnabled", false).put("failureLogEnabled", false)
                    .put("tcpHost", meters.host()).put("tcpPort", Integer.toString(meters.port(m)))
                    .put("tcpType", "DEFAULT").put("unit_id", "1").put("commandDelay", "1")
                    .put("clientTimeout", "1000").put("reconnectOnTimeout", true).put("reconnectTimeout", "2000")
                    .put("parallelUnitIdsAllowed", true);
            ObjectNode read = node(flow, "read-" + m, "modbus-read", m + 1).put("topic", Job.meterId(m))
                    .put("showStatusActivities", false).put("logIOActivities", false).put("showErrors", false)
                    .put("unitid", "1").put("dataType", "HoldingRegister").put("adr", "0")
                    .put("quantity", Integer.toString(job.registers()))
                    .put("rate", Long.toString(wholeSeconds ? millis / 1000 : millis))
                    .put("rateUnit", wholeSeconds ? "s" : "ms").put("delayOnStart", false).put("startDelayTime", "")
                    .put("server", client)
                    .put("useIOFile", false).put("ioFile", "").put("useIOForPayload", false)
                    .put("emptyMsgOnFail", false);
            read.set("wires", mapper.createArrayNode().add(mapper.createArrayNode().add(TO_FLOATS))
                    .add(mapper.createArrayNode()));
        }
        return flow.toPrettyString();
    }

    /** A node on the tab; Node-RED takes a node without a position for a config node. */
    private static ObjectNode node(ArrayNode flow, String id, String type, int row) {
        int column = type.equals("modbus-read") ? 0 : type.equals("function") ? 1 : 2;
        return flow.addObject().put("id", id).put("type", type).put("z", TAB).put("name", id)
                .put("x", 150 + 250 * column).put("y", 40 + 40 * row);
    }
}
