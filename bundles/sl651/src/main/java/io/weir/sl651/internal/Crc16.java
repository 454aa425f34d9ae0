package io.weir.sl651.internal;

/**
 * The frame check of SL 651-2014: CRC-16 with polynomial 0xA001 (0x8005 reflected) and initial value 0xFFFF,
 * the same CRC as Modbus RTU; sent high byte first, over every byte from the start of the frame to its end marker.
 */
final class Crc16 {

    private Crc16() {
    }

    static int of(byte[] data, int from, int to) {
        int crc = 0xFFFF;
        for (int i = from; i < to; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }
}
