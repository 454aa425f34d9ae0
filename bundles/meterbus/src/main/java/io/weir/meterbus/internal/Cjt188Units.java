package io.weir.meterbus.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;

/**
 * The unit byte CJ/T 188-2004 sends after each 4-byte BCD quantity, and how to bring the value to the unit a profile
 * declares for its kind: energy in kWh, power in kW, volume in m3, flow rate in m3/h. docs/domain.md names the
 * sources of each code.
 */
final class Cjt188Units {

    /** A kind of quantity, by the unit its readings carry. */
    enum Kind {
        /** kWh. */
        ENERGY,
        /** kW. */
        POWER,
        /** m3. */
        VOLUME,
        /** m3/h. */
        FLOW_RATE
    }

    /** A unit code's name and kind, and what one of it is in the kind's unit: {@code times / per}. */
    private record Unit(String name, Kind kind, BigDecimal times, BigDecimal per) {

        Unit(String name, Kind kind, String times, String per) {
            this(name, kind, new BigDecimal(times), new BigDecimal(per));
        }
    }

    private static final Map<Integer, Unit> UNITS = Map.ofEntries(
            Map.entry(0x01, new Unit("J", Kind.ENERGY, "1", "3600000")),
            Map.entry(0x02, new Unit("Wh", Kind.ENERGY, "1", "1000")),
            Map.entry(0x05, new Unit("kWh", Kind.ENERGY, "1", "1")),
            Map.entry(0x08, new Unit("MWh", Kind.ENERGY, "1000", "1")),
            Map.entry(0x0A, new Unit("MWh x 100", Kind.ENERGY, "100000", "1")),
            Map.entry(0x0B, new Unit("kJ", Kind.ENERGY, "1", "3600")),
            Map.entry(0x0E, new Unit("MJ", Kind.ENERGY, "1", "3.6")),
            Map.entry(0x11, new Unit("GJ", Kind.ENERGY, "1000", "3.6")),
            Map.entry(0x13, new Unit("GJ x 100", Kind.ENERGY, "100000", "3.6")),
            Map.entry(0x14, new Unit("W", Kind.POWER, "1", "1000")),
            Map.entry(0x17, new Unit("kW", Kind.POWER, "1", "1")),
            Map.entry(0x1A, new Unit("MW", Kind.POWER, "1000", "1")),
            Map.entry(0x29, new Unit("L", Kind.VOLUME, "1", "1000")),
            Map.entry(0x2C, new Unit("m3", Kind.VOLUME, "1", "1")),
            Map.entry(0x32, new Unit("L/h", Kind.FLOW_RATE, "1", "1000")),
            Map.entry(0x35, new Unit("m3/h", Kind.FLOW_RATE, "1", "1")));

    private Cjt188Units() {
    }

    /**
     * {@code value}, sent with unit byte {@code code}, in the unit of {@code kind}.
     *
     * @param what the quantity, for the message
     * @throws MeterException NO_DATA when the code is not in the standard's table or names another kind of unit
     */
    static double convert(BigDecimal value, int code, Kind kind, String what) throws MeterException {
        Unit unit = UNITS.get(code);
        if (unit == null) {
            throw new MeterException(MeterException.Kind.NO_DATA, String.format("%s: unit code %02X is not in the"
                    + " CJ/T 188 unit table", what, code));
        }
        if (unit.kind() != kind) {
            throw new MeterException(MeterException.Kind.NO_DATA, String.format("%s: unit code %02X (%s) is not a"
                    + " unit of %s", what, code, unit.name(), kind.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ')));
        }
        // in decimal, so 12.34 MWh reads 12340.0 kWh, not 12340.000000000002
        return value.multiply(unit.times()).divide(unit.per(), MathContext.DECIMAL64).doubleValue();
    }
}
