package io.weir.meterbus.internal;

import java.io.IOException;

/** The broadcast read of a meter's address, in either protocol. */
final class Discovery {

    private Discovery() {
    }

    static String discover(Link link, String protocol, int meterType) throws IOException, MeterException {
        link.discardInput();
        switch (protocol) {
            case "dlt645" -> {
                link.write(MeterFrames.withPreamble(Dlt645.readAddress(), 4));
                return Dlt645.addressOf(MeterFrames.read(link, Dlt645.LENGTH_AT, 2000));
            }
            case "cjt188" -> {
                link.write(MeterFrames.withPreamble(Cjt188.readAddress(meterType, 0), 4));
                return Cjt188.addressOf(MeterFrames.read(link, Cjt188.LENGTH_AT, 2000));
            }
            default -> throw new IllegalArgumentException("protocol '" + protocol + "' is not dlt645 or cjt188");
        }
    }
}
