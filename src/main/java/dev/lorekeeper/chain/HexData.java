package dev.lorekeeper.chain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;

/**
 * Calldata sent as a {@code 0x} hex JSON string, written as bytes straight into the request: a sweep sends megabytes
 * of it, and building a string to have it copied and checked for escapes again cost a large share of its CPU.
 */
final class HexData implements JsonSerializable {
    private final byte[] bytes;

    HexData(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
        byte[] ascii = Hex.encodeAscii(bytes);
        try {
            gen.writeRawUTF8String(ascii, 0, ascii.length); // hex digits need no escaping
        } catch (UnsupportedOperationException e) {
            gen.writeString(Hex.encode(bytes)); // a generator that writes characters, not bytes
        }
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
            throws IOException {
        WritableTypeId id = typeSer.writeTypePrefix(gen, typeSer.typeId(this, JsonToken.VALUE_STRING));
        serialize(gen, serializers);
        typeSer.writeTypeSuffix(gen, id);
    }

    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
