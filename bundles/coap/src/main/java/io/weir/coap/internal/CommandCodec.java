package io.weir.coap.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

/**
 * Writes the commands for a device as the payload of the response to its report: a SenML pack in the format the
 * device reported in, one record per command, {@code n} the command, its argument as {@code v} when it is a
 * number, {@code vs} when it is text, and {@code vb: true} when there is none. For example
 * {@code [{"n":"interval","v":3600},{"n":"rebaseline","vb":true}]}. No commands: an empty payload.
 */
final class CommandCodec {

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
    // CBOR labels of RFC 8428 table 4
    private static final int CBOR_N = 0;
    private static final int CBOR_V = 2;
    private static final int CBOR_VS = 3;
    private static final int CBOR_VB = 4;

    private final JsonFactory json = new JsonFactory();
    private final CBORFactory cbor = new CBORFactory();

    byte[] encode(List<DeviceCommand> commands, int format) {
        if (commands.isEmpty()) {
            return new byte[0];
        }
        var out = new ByteArrayOutputStream();
        try (JsonGenerator gen = format == SenmlParser.SENML_CBOR ? cbor.createGenerator(out)
                : json.createGenerator(out)) {
            gen.writeStartArray();
            for (DeviceCommand command : commands) {
                gen.writeStartObject();
                field(gen, "n", CBOR_N);
                gen.writeString(command.name());
                if (command.value().isEmpty()) {
                    field(gen, "vb", CBOR_VB);
                    gen.writeBoolean(true);
                } else if (NUMBER.matcher(command.value()).matches()) {
                    field(gen, "v", CBOR_V);
                    if (command.value().contains(".")) {
                        gen.writeNumber(Double.parseDouble(command.value()));
                    } else {
                        gen.writeNumber(Long.parseLong(command.value()));
                    }
                } else {
                    field(gen, "vs", CBOR_VS);
                    gen.writeString(command.value());
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write commands", e); // to memory: cannot happen
        }
        return out.toByteArray();
    }

    private static void field(JsonGenerator gen, String label, int cborLabel) throws IOException {
        if (gen instanceof CBORGenerator c) {
            c.writeFieldId(cborLabel);
        } else {
            gen.writeFieldName(label);
        }
    }
}
