package io.weir.modbus.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.util.ModbusUtil;

/**
 * Reads the answer to one request from a TCP connection, Modbus TCP (MBAP header) or RTU frames passed through,
 * and skips answers that belong to earlier requests. That is what lets a link stay open when a unit does not answer
 * in time: its late answer, arriving during a later request, is recognised (by transaction id, or for RTU frames by
 * unit and function) and dropped, instead of the link being closed and opened again for every silent unit a bus
 * scan asks. A timeout before the first byte of an answer leaves the stream clean; one in the middle of an answer
 * does not, and is reported as a broken answer so the link is dropped.
 */
final class AnswerReader {

    private static final int MAX_FRAME = 260;

    private final Socket socket;
    private final InputStream in;
    private final boolean rtu;

    AnswerReader(Socket socket, InputStream in, boolean rtu) {
        this.socket = socket;
        this.in = in;
        this.rtu = rtu;
    }

    /**
     * @throws ModbusIOException with "timeout" in its message when no answer began in time, "CRC" or "framing" when
     *                           a frame was garbled or of the wrong kind, anything else when the stream is broken
     */
    ModbusResponse read(ModbusRequest request, int timeoutMillis) throws ModbusIOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            while (true) {
                ModbusResponse response = rtu ? rtuFrame(deadline) : mbapFrame(deadline);
                if (answers(response, request)) {
                    return response;
                }
                // a late answer to an earlier request: dropped, the wait for this one goes on
            }
        } finally {
            restoreTimeout(timeoutMillis);
        }
    }

    private boolean answers(ModbusResponse response, ModbusRequest request) {
        if (!rtu) {
            return response.getTransactionID() == request.getTransactionID();
        }
        return response.getUnitID() == request.getUnitID()
                && (response.getFunctionCode() & 0x7F) == request.getFunctionCode();
    }

    private ModbusResponse mbapFrame(long deadline) throws ModbusIOException {
        byte[] header = new byte[7];
        readFully(header, 0, 7, deadline, true);
        int transaction = (header[0] & 0xFF) << 8 | header[1] & 0xFF;
        int protocol = (header[2] & 0xFF) << 8 | header[3] & 0xFF;
        int length = (header[4] & 0xFF) << 8 | header[5] & 0xFF;
        if (protocol != 0 || length < 3 || length > 254) {
            // an RTU frame read as MBAP, most likely: a serial device server configured as transport tcp
            throw new ModbusIOException("wrong framing: the answer is not a Modbus TCP frame (protocol %d, length"
                    + " %d)", protocol, length);
        }
        byte[] pdu = new byte[length - 1];
        readFully(pdu, 0, pdu.length, deadline, false);
        ModbusResponse response = parse(pdu[0] & 0xFF, Arrays.copyOfRange(pdu, 1, pdu.length), false);
        response.setTransactionID(transaction);
        response.setUnitID(header[6] & 0xFF);
        return response;
    }

    private ModbusResponse rtuFrame(long deadline) throws ModbusIOException {
        byte[] frame = new byte[MAX_FRAME];
        readFully(frame, 0, 2, deadline, true);
        int function = frame[1] & 0xFF;
        int dataLength;
        int at = 2;
        if ((function & 0x80) != 0) {
            dataLength = 1;
        } else if (function >= 1 && function <= 4) {
            readFully(frame, at, 1, deadline, false);
            at++;
            dataLength = frame[2] & 0xFF;
        } else if (function == 5 || function == 6 || function == 15 || function == 16) {
            dataLength = 4;
        } else {
            throw new ModbusIOException("wrong framing: function %d is not an answer to a read or write", function);
        }
        readFully(frame, at, dataLength + 2, deadline, false);
        int end = at + dataLength;
        int[] crc = ModbusUtil.calculateCRC(frame, 0, end);
        if ((frame[end] & 0xFF) != crc[0] || (frame[end + 1] & 0xFF) != crc[1]) {
            throw new ModbusIOException("CRC of the answer from unit %d does not match", frame[0] & 0xFF);
        }
        ModbusResponse response = parse(function, Arrays.copyOfRange(frame, 2, end), true);
        response.setUnitID(frame[0] & 0xFF);
        return response;
    }

    private static ModbusResponse parse(int function, byte[] data, boolean headless) throws ModbusIOException {
        ModbusResponse response = ModbusResponse.createModbusResponse(function);
        response.setHeadless(headless);
        try {
            response.readData(new DataInputStream(new ByteArrayInputStream(data)));
        } catch (IOException | RuntimeException e) {
            throw new ModbusIOException("wrong framing: unreadable answer to function %d: %s", function, e);
        }
        return response;
    }

    /**
     * Reads {@code n} bytes before the deadline. A frame not begun in time is a timeout; one cut off in the middle
     * is a broken stream (what follows would be read as the next answer's start).
     */
    private void readFully(byte[] buffer, int offset, int n, long deadline, boolean frameStart)
            throws ModbusIOException {
        int done = 0;
        while (done < n) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000L;
            try {
                if (remaining < 1) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
                int read = in.read(buffer, offset + done, n - done);
                if (read < 0) {
                    throw new EOFException();
                }
                done += read;
            } catch (SocketTimeoutException e) {
                if (frameStart && done == 0) {
                    throw new ModbusIOException("Timeout: no answer in time");
                }
                throw new ModbusIOException("answer cut short: %d of %d bytes arrived", done, n);
            } catch (EOFException e) {
                throw new ModbusIOException("the connection was closed by the other end");
            } catch (IOException e) {
                throw new ModbusIOException("reading the answer failed: %s", e);
            }
            frameStart = false;
        }
    }

    private void restoreTimeout(int timeoutMillis) {
        try {
            socket.setSoTimeout(timeoutMillis);
        } catch (IOException e) {
            // the socket is closed; the next request opens a new one
        }
    }
}
