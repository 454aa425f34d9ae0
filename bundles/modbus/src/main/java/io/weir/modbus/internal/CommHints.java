package io.weir.modbus.internal;

import java.util.Set;
import java.util.stream.Collectors;

import io.weir.modbus.internal.ReadResult.CommFailure.Kind;

/**
 * What a technician should look at when a device does not answer, chosen by how it fails and by what else its link
 * does: a bare timeout from a wrong unit id and one from a serial device server spoken to in the wrong framing look
 * alike on the wire, but not when the neighbours on the same link answer.
 */
final class CommHints {

    private CommHints() {
    }

    /**
     * @param kind       how the device's first failed transaction failed
     * @param unitId     the device's configured unit id
     * @param answering  other units that answered on the same link lately
     * @param device     the device's link settings
     * @return the hint, or null when the failure names its cause itself (a link that cannot be opened)
     */
    static String of(Kind kind, int unitId, Set<Integer> answering, DeviceOptions device) {
        if (kind == Kind.FRAMING) {
            return "answers arrive garbled (bad CRC or framing): check the transport (tcp for Modbus TCP devices and"
                    + " gateways, rtu-over-tcp for serial device servers and DTUs in transparent mode) and the line"
                    + " settings of " + device.link() + " (baud rate, parity, stop bits) against the device's";
        }
        if (kind != Kind.TIMEOUT) {
            return null;
        }
        if (!answering.isEmpty()) {
            return "unit" + (answering.size() == 1 ? " " : "s ") + answering.stream().sorted().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " on " + device.link() + (answering.size() == 1 ? " answers"
                    : " answer") + " but unit " + unitId + " does not: check that unitId " + unitId + " is the"
                    + " address set in the device (modbus-scan lists the units that answer)";
        }
        return switch (device.framing()) {
            case TCP -> "nothing on " + device.link() + " answers: a serial device server or 4G DTU in transparent"
                    + " mode needs transport: rtu-over-tcp; otherwise check unitId " + unitId + " and that the"
                    + " device is powered and wired";
            case RTU_OVER_TCP -> "nothing on " + device.link() + " answers: check the device server's serial"
                    + " settings (baud rate, parity) against the devices', the RS-485 wiring (A and B swapped?) and"
                    + " unitId " + unitId + "; a Modbus TCP gateway needs transport: tcp";
            case RTU -> "nothing on " + device.link() + " answers: check the RS-485 wiring (A and B swapped?), the"
                    + " baud rate and parity against the device's, and unitId " + unitId;
        };
    }
}
