package io.weir.meterbus.internal;

import java.util.List;

/** Small profiles for tests, shaped like the shipped ones in device-profiles/profiles/meters/. */
final class Profiles {

    static final MeterProfile ELECTRICITY = new MeterProfile("dlt645-test", "DLT645", 0, List.of(
            new MeterPoint("energy_import_total", "00010000", null, "NUMBER", 4, 2, false, "kWh"),
            new MeterPoint("voltage_a", "02010100", null, "NUMBER", 2, 1, false, "V"),
            new MeterPoint("current_a", "02020100", null, "NUMBER", 3, 3, true, "A"),
            new MeterPoint("power_total", "02030000", null, "NUMBER", 3, 4, true, "kW"),
            new MeterPoint("power_factor_total", "02060000", null, "NUMBER", 2, 3, true, ""),
            new MeterPoint("frequency", "02800002", null, "NUMBER", 2, 2, false, "Hz")));

    static final MeterProfile WATER = new MeterProfile("cjt188-test", "CJT188", 0x10, List.of(
            new MeterPoint("flow_total", null, "CURRENT_FLOW", "NUMBER", 0, 0, false, "m3"),
            new MeterPoint("flow_settlement", null, "SETTLEMENT_FLOW", "NUMBER", 0, 0, false, "m3"),
            new MeterPoint("valve_closed", null, "VALVE_CLOSED", "NUMBER", 0, 0, false, ""),
            new MeterPoint("battery_low", null, "BATTERY_LOW", "NUMBER", 0, 0, false, "")));

    static final MeterProfile HEAT = new MeterProfile("cjt188-heat-test", "CJT188", 0x20, List.of(
            new MeterPoint("heat_settlement", null, "SETTLEMENT_HEAT", "NUMBER", 0, 0, false, "kWh"),
            new MeterPoint("heat_total", null, "CURRENT_HEAT", "NUMBER", 0, 0, false, "kWh"),
            new MeterPoint("heat_power", null, "HEAT_POWER", "NUMBER", 0, 0, false, "kW"),
            new MeterPoint("flow_rate", null, "FLOW_RATE", "NUMBER", 0, 0, false, "m3/h"),
            new MeterPoint("flow_total", null, "CURRENT_FLOW", "NUMBER", 0, 0, false, "m3"),
            new MeterPoint("supply_temperature", null, "SUPPLY_TEMPERATURE", "NUMBER", 0, 0, false, "°C"),
            new MeterPoint("return_temperature", null, "RETURN_TEMPERATURE", "NUMBER", 0, 0, false, "°C"),
            new MeterPoint("working_hours", null, "WORKING_HOURS", "NUMBER", 0, 0, false, "h"),
            new MeterPoint("valve_closed", null, "VALVE_CLOSED", "NUMBER", 0, 0, false, ""),
            new MeterPoint("battery_low", null, "BATTERY_LOW", "NUMBER", 0, 0, false, "")));

    private Profiles() {
    }
}
