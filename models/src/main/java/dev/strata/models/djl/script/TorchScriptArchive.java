package dev.strata.models.djl.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript module archive — the zip {@code torch.jit.save} produces and {@code torch::jit::load}
 * reads — for one class written as TorchScript source, with no tensors inside. This is how a program is handed to
 * DJL's PyTorch engine without Python: the engine compiles the source when it loads the archive, and the
 * program then runs as one native call per method, not one JNI call per operator.
 *
 * <p>Layout: {@code <root>/version}, {@code <root>/data.pkl} (the module object and its attribute values),
 * {@code <root>/constants.pkl} (an empty tuple) and {@code <root>/code/__torch__.py} (the class). Entries are
 * stored uncompressed.
 */
public final class TorchScriptArchive {
    /** Highest file format version PyTorch 2.x reads; nothing in the source depends on older operator semantics. */
    static final int FORMAT_VERSION = 10;
    private static final String ROOT = "strata";

    private TorchScriptArchive() {
    }

    /**
     * @param className  the module class, defined in {@code source} as {@code class <className>(Module):}
     * @param source     TorchScript source of {@code code/__torch__.py}
     * @param attributes the class's declared attributes and their initial values, in declaration order
     *                   ({@code training} is added first)
     */
    public static byte[] module(String className, String source, Map<String, Object> attributes) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("training", Boolean.FALSE);
        state.putAll(attributes);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
            stored(zip, "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            stored(zip, "data.pkl", Pickle.object("__torch__", className, state));
            stored(zip, "constants.pkl", Pickle.emptyTuple());
            stored(zip, "code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(ROOT + "/" + name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
