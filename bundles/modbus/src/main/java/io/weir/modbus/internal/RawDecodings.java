package io.weir.modbus.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.weir.api.profile.DataType;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

/**
 * Registers as they came off the wire, and what they read as in every type and word order, side by side: the
 * technician spots the reading that matches the meter's display and so learns the type and the word order to put
 * in the profile ({@code -2.37e-41} as ABCD next to {@code 229.8} as CDAB says it all).
 */
final class RawDecodings {

    private static final DataType[] WIDE = {DataType.INT32, DataType.UINT32, DataType.FLOAT32, DataType.INT64,
            DataType.UINT64, DataType.FLOAT64};

    private RawDecodings() {
    }

    /**
     * @param registers the registers read, from {@code address}
     * @param function  3 or 4
     * @param names     how the manual numbers them
     * @return {@code words}: each register as hex, unsigned, signed and its two characters; {@code decodings}: from
     *         each register on, every 32- and 64-bit type in every word order that fits in what was read
     */
    static Map<String, Object> of(int[] registers, int function, int address, RegisterNames names) {
        var words = new ArrayList<Map<String, Object>>();
        var text = new StringBuilder();
        for (int i = 0; i < registers.length; i++) {
            int word = registers[i] & 0xFFFF;
            var w = new LinkedHashMap<String, Object>();
            w.put("address", address + i);
            w.put("register", names.one(address + i));
            w.put("hex", String.format("0x%04X", word));
            w.put("uint16", word);
            w.put("int16", (int) (short) word);
            w.put("text", printable(word >>> 8) + printable(word & 0xFF));
            words.add(w);
            text.append(printable(word >>> 8)).append(printable(word & 0xFF));
        }
        var decodings = new ArrayList<Map<String, Object>>();
        for (int i = 0; i + 1 < registers.length; i++) {
            var at = new LinkedHashMap<String, Object>();
            at.put("address", address + i);
            at.put("register", names.one(address + i));
            for (DataType type : WIDE) {
                if (i + type.registers() <= registers.length) {
                    var byOrder = new LinkedHashMap<String, Object>();
                    for (WordOrder order : WordOrder.values()) {
                        byOrder.put(order.name(), decode(type, order, function, registers, i));
                    }
                    at.put(type.name().toLowerCase(java.util.Locale.ROOT), byOrder);
                }
            }
            decodings.add(at);
        }
        var result = new LinkedHashMap<String, Object>();
        result.put("words", words);
        result.put("decodings", decodings);
        result.put("text", text.toString());
        return result;
    }

    /** Bits as read, each with its address. */
    static Map<String, Object> bits(boolean[] values, int address, RegisterNames names) {
        List<Map<String, Object>> bits = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            var b = new LinkedHashMap<String, Object>();
            b.put("address", address + i);
            b.put("register", names.one(address + i));
            b.put("value", values[i]);
            bits.add(b);
        }
        return Map.of("bits", bits);
    }

    /** A float32 as the float it is (229.8, not 229.8000030517578); NaN and infinities as text. */
    private static Object decode(DataType type, WordOrder order, int function, int[] registers, int index) {
        Object value = Decoder.value(new Point("raw", function, 0, type, order, 1, 0, ""), registers, index);
        if (type == DataType.FLOAT32 && value instanceof Double d) {
            float f = (float) (double) d;
            return Float.isFinite(f) ? (Object) f : Float.toString(f);
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            return d.toString();
        }
        return value;
    }

    private static String printable(int b) {
        return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : ".";
    }
}
