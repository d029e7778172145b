package dev.strata.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo.Location;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Every field documented": walks the descriptor set that protoc wrote with source info and requires a
 * leading comment on every service, method, message, field, enum and enum value of our v1 packages.
 */
class ProtoDocumentationTest {

    // Field numbers of the descriptor protos, as used in SourceCodeInfo paths.
    private static final int FILE_MESSAGE = 4, FILE_ENUM = 5, FILE_SERVICE = 6;
    private static final int MESSAGE_FIELD = 2, MESSAGE_NESTED = 3, MESSAGE_ENUM = 4, MESSAGE_ONEOF = 8;
    private static final int ENUM_VALUE = 2, SERVICE_METHOD = 2;

    @Test
    void everyElementOfEveryV1FileHasALeadingComment() throws Exception {
        Path set = Path.of("target/descriptors/strata.protoset");
        FileDescriptorSet files;
        try (InputStream in = Files.newInputStream(set)) {
            files = FileDescriptorSet.parseFrom(in);
        }
        List<String> undocumented = new ArrayList<>();
        int checked = 0;
        for (FileDescriptorProto file : files.getFileList()) {
            if (!file.getName().startsWith("strata/")) continue;
            assertThat(file.getPackage()).as(file.getName()).matches("strata\\.[a-z]+\\.v1");
            Map<List<Integer>, String> comments = new HashMap<>();
            for (Location loc : file.getSourceCodeInfo().getLocationList()) {
                comments.put(loc.getPathList(), loc.getLeadingComments().strip());
            }
            List<String[]> elements = new ArrayList<>();
            collect(file, elements);
            for (String[] e : elements) {
                checked++;
                List<Integer> path = parsePath(e[1]);
                String c = comments.getOrDefault(path, "");
                if (c.isEmpty()) undocumented.add(file.getName() + ": " + e[0]);
            }
        }
        assertThat(checked).as("elements checked").isGreaterThan(200);
        assertThat(undocumented).as("elements without a leading comment").isEmpty();
    }

    private static void collect(FileDescriptorProto file, List<String[]> out) {
        for (int s = 0; s < file.getServiceCount(); s++) {
            var svc = file.getService(s);
            out.add(new String[] {"service " + svc.getName(), FILE_SERVICE + "," + s});
            for (int m = 0; m < svc.getMethodCount(); m++) {
                out.add(new String[] {"rpc " + svc.getName() + "." + svc.getMethod(m).getName(),
                    FILE_SERVICE + "," + s + "," + SERVICE_METHOD + "," + m});
            }
        }
        for (int i = 0; i < file.getMessageTypeCount(); i++) {
            message(file.getMessageType(i), FILE_MESSAGE + "," + i, out);
        }
        for (int i = 0; i < file.getEnumTypeCount(); i++) {
            enumType(file.getEnumType(i), FILE_ENUM + "," + i, out);
        }
    }

    private static void message(DescriptorProto msg, String path, List<String[]> out) {
        if (msg.getOptions().getMapEntry()) return; // synthetic map entry types
        out.add(new String[] {"message " + msg.getName(), path});
        for (int f = 0; f < msg.getFieldCount(); f++) {
            out.add(new String[] {"field " + msg.getName() + "." + msg.getField(f).getName(),
                path + "," + MESSAGE_FIELD + "," + f});
        }
        for (int o = 0; o < msg.getOneofDeclCount(); o++) {
            String name = msg.getOneofDecl(o).getName();
            if (name.startsWith("_")) continue; // synthetic oneof of a proto3 `optional` field
            out.add(new String[] {"oneof " + msg.getName() + "." + name, path + "," + MESSAGE_ONEOF + "," + o});
        }
        for (int n = 0; n < msg.getNestedTypeCount(); n++) {
            message(msg.getNestedType(n), path + "," + MESSAGE_NESTED + "," + n, out);
        }
        for (int e = 0; e < msg.getEnumTypeCount(); e++) {
            enumType(msg.getEnumType(e), path + "," + MESSAGE_ENUM + "," + e, out);
        }
    }

    private static void enumType(EnumDescriptorProto en, String path, List<String[]> out) {
        out.add(new String[] {"enum " + en.getName(), path});
        for (int v = 0; v < en.getValueCount(); v++) {
            out.add(new String[] {"value " + en.getValue(v).getName(), path + "," + ENUM_VALUE + "," + v});
        }
    }

    private static List<Integer> parsePath(String p) {
        List<Integer> out = new ArrayList<>();
        for (String s : p.split(",")) out.add(Integer.parseInt(s));
        return out;
    }
}
