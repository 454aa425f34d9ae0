package io.weir.sl651.internal;

import java.util.ArrayList;
import java.util.List;

import io.weir.sl651.internal.FrameException.Kind;

/**
 * A centre's query of specified elements (查询指定要素数据, 3AH): after the serial number and send time, HEX the
 * identifiers asked for, each with a data definition byte (which the answer writes in the station's own format);
 * ASCII their mnemonics separated by blanks.
 *
 * @param serial   the centre's serial number, which the answer carries
 * @param elements the identifiers asked for, in order
 */
record ElementQuery(int serial, List<Integer> elements) {

    ElementQuery {
        elements = List.copyOf(elements);
    }

    static ElementQuery read(Frame frame) throws FrameException {
        ReportParser.Header header = ReportParser.header(frame);
        var ids = new ArrayList<Integer>();
        if (frame.encoding() == Encoding.HEX) {
            byte[] b = frame.body();
            for (int i = header.next(); i + 1 < b.length; i += 2) {
                ids.add(b[i] & 0xFF);
            }
        } else {
            String[] t = ReportParser.asciiTokens(frame.body());
            for (int i = header.next(); i < t.length; i++) {
                ids.add(ElementTable.idOf(t[i]));
            }
        }
        if (ids.isEmpty()) {
            throw new FrameException(Kind.TRUNCATED, "query of specified elements names no element");
        }
        return new ElementQuery(header.serial(), ids);
    }
}
