package dev.strata.models.djl.script;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The few pickle (protocol 2) opcodes a TorchScript archive's {@code data.pkl} and {@code constants.pkl} need
 * when the module holds no tensors: the root object (a class named by its qualified TorchScript name, built from
 * a dict of its attributes) and plain values. Tensors never travel this way here: they are handed to the loaded
 * module as method arguments, so no storage records are written.
 */
final class Pickle {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Pickle() {
        out.write(0x80);   // PROTO
        out.write(2);
    }

    /** {@code ()}: what {@code constants.pkl} holds when the code uses no tensor constants. */
    static byte[] emptyTuple() {
        Pickle p = new Pickle();
        p.out.write(')');
        return p.stop();
    }

    /**
     * An object of TorchScript class {@code module.name} whose attributes are the given values (Boolean,
     * Long/Integer, Double, String or null), in the order the class declares them.
     */
    static byte[] object(String module, String name, Map<String, Object> attributes) {
        Pickle p = new Pickle();
        p.ascii("c" + module + "\n" + name + "\n");   // GLOBAL
        p.out.write(')');                              // EMPTY_TUPLE
        p.out.write(0x81);                             // NEWOBJ
        p.out.write('}');                              // EMPTY_DICT
        p.out.write('(');                              // MARK
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            p.string(e.getKey());
            p.value(e.getValue());
        }
        p.out.write('u');                              // SETITEMS
        p.out.write('b');                              // BUILD
        return p.stop();
    }

    private void value(Object v) {
        switch (v) {
            case null -> out.write('N');
            case Boolean b -> out.write(b ? 0x88 : 0x89);
            case Integer i -> integer(i);
            case Long l when l == l.intValue() -> integer(l.intValue());
            case Double d -> {
                out.write('G');                        // BINFLOAT, big-endian
                long bits = Double.doubleToRawLongBits(d);
                for (int s = 56; s >= 0; s -= 8) out.write((int) (bits >>> s));
            }
            case String s -> string(s);
            default -> throw new IllegalArgumentException("cannot pickle " + v.getClass().getSimpleName());
        }
    }

    private void integer(int i) {
        out.write('J');                                // BININT, little-endian
        for (int s = 0; s < 32; s += 8) out.write(i >>> s);
    }

    private void string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');                                // BINUNICODE
        for (int sh = 0; sh < 32; sh += 8) out.write(b.length >>> sh);
        out.writeBytes(b);
    }

    private void ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] stop() {
        out.write('.');
        return out.toByteArray();
    }
}
