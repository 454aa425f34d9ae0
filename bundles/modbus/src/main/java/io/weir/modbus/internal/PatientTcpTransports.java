package io.weir.modbus.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;

import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.io.ModbusRTUTCPTransport;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransport;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;

/**
 * j2mod's TCP transports (Modbus TCP, and RTU frames through TCP) with answers read by an {@link AnswerReader}, so
 * a late answer to a request that timed out is skipped rather than taken for the next one. j2mod writes the
 * requests; only the reading is ours.
 */
final class PatientTcpTransports {

    private PatientTcpTransports() {
    }

    /** The transport for {@code framing}, to hand to j2mod's connection before it connects. */
    static ModbusTCPTransport of(Framing framing) {
        return framing == Framing.RTU_OVER_TCP ? new Rtu() : new Mbap();
    }

    /** What both transports add to j2mod's: the request sent last, and the reader of its answer. */
    private static final class Answers {
        private final boolean rtu;
        private AnswerReader reader;
        private ModbusRequest sent;

        Answers(boolean rtu) {
            this.rtu = rtu;
        }

        void connected(Socket socket) throws IOException {
            // j2mod's own buffered stream is never read: every answer comes through this one
            reader = new AnswerReader(socket, new BufferedInputStream(socket.getInputStream()), rtu);
        }

        ModbusResponse read(int timeoutMillis) throws ModbusIOException {
            return reader.read(sent, timeoutMillis);
        }
    }

    private static final class Mbap extends ModbusTCPTransport {
        private final Answers answers = new Answers(false);

        @Override
        public void setSocket(Socket socket) throws IOException {
            super.setSocket(socket);
            answers.connected(socket);
        }

        @Override
        public void writeRequest(ModbusRequest request) throws ModbusIOException {
            answers.sent = request;
            super.writeRequest(request);
        }

        @Override
        public ModbusResponse readResponse() throws ModbusIOException {
            return answers.read(timeout);
        }
    }

    private static final class Rtu extends ModbusRTUTCPTransport {
        private final Answers answers = new Answers(true);

        @Override
        public void setSocket(Socket socket) throws IOException {
            super.setSocket(socket);
            answers.connected(socket);
        }

        @Override
        public void writeRequest(ModbusRequest request) throws ModbusIOException {
            answers.sent = request;
            super.writeRequest(request);
        }

        @Override
        public ModbusResponse readResponse() throws ModbusIOException {
            return answers.read(timeout);
        }
    }
}
