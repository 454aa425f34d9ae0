package io.weir.site.internal;

import java.util.Locale;

/**
 * Catches the register notation many manuals print, where the first digit names the table: 30001 is input register
 * 1 (read with function 4), 40001 holding register 1 (function 3), 10001 discrete input 1 (function 2), and their
 * six-digit forms 300001, 400001, 100001. Copied into a profile as a register number, such a value reads a register
 * 30000 (or 300000) too far on and fails only when the gateway polls; refused at load, it names the address meant.
 * A device that really has a register up there is given it in hex, which no manual's notation uses.
 */
final class ManualNotation {

    private ManualNotation() {
    }

    /** @return true, with the problem added, when {@code register} of {@code function} is in a manual's notation */
    static boolean refused(long register, int function, YamlMap point, Problems problems) {
        if (point.scalarText("register").strip().toLowerCase(Locale.ROOT).startsWith("0x")) {
            return false;
        }
        int table = switch (function) {
            case 2 -> 1;
            case 3 -> 4;
            case 4 -> 3;
            default -> 0; // coils are 0xxxx: 00001 is just 1
        };
        if (table == 0) {
            return false;
        }
        long base;
        if (register > table * 10_000L && register < (table + 1) * 10_000L) {
            base = table * 10_000L;
        } else if (register > table * 100_000L && register <= table * 100_000L + 65_536) {
            base = table * 100_000L;
        } else {
            return false;
        }
        long number = register - base;
        String kind = switch (function) {
            case 2 -> "discrete input";
            case 3 -> "holding register";
            default -> "input register";
        };
        problems.add(point.lineOf("register"), point.field("register"), register + " is the manual's " + table
                + "xxxx notation for " + kind + " " + number + " (protocol address " + (number - 1) + "), not a"
                + " register number: write " + number + " with registerNumbering one-based, or " + (number - 1)
                + " with zero-based" + (register > RegisterNumbering.MAX_ADDRESS ? ""
                        : "; a device that really has register " + register + " takes it in hex (0x"
                                + Long.toHexString(register).toUpperCase(Locale.ROOT) + ")"));
        return true;
    }
}
