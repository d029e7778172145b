package dev.strata.models.djl.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The hand-written archive against the real engine: it loads, its attributes arrive, its methods run. */
class TorchScriptArchiveTest {
    private static final String SOURCE = """
        class Probe(Module):
          __parameters__ = []
          __buffers__ = []
          training : bool
          scale : float
          count : int
          label : str
          flag : bool
          missing : Optional[int]
          def forward(self: __torch__.Probe, x: Tensor) -> Tensor:
            return torch.mul(x, self.scale)
          def describe(self: __torch__.Probe) -> str:
            m = self.missing
            return self.label + ":" + str(self.count) + ":" + str(self.flag) + ":" + str(m is None)
          def widen(self: __torch__.Probe, ws: List[Tensor]) -> List[Tensor]:
            out = annotate(List[Tensor], [])
            for w in ws:
              out.append(w.to(15))
            return out
          def dot(self: __torch__.Probe, ws: List[Tensor], x: Tensor) -> Tensor:
            return torch.linear(x.to(15), ws[0], None).to(6)
        """;

    private static byte[] archive() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("scale", 2.5);
        attributes.put("count", 42);
        attributes.put("label", "héllo");
        attributes.put("flag", true);
        attributes.put("missing", null);
        return TorchScriptArchive.module("Probe", SOURCE, attributes);
    }

    @Test
    void theArchiveIsAZipUnderOneFolderWithTheRecordsTorchReads() throws Exception {
        var names = new java.util.ArrayList<String>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(archive()))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) names.add(e.getName());
        }
        assertThat(names).containsExactly("strata/version", "strata/byteorder", "strata/data.pkl", "strata/constants.pkl",
            "strata/code/__torch__.py");
    }

    @Test
    void theEngineLoadsItWithItsAttributesAndRunsItsMethods() throws Exception {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            PtNDManager pt = (PtNDManager) m;
            PtSymbolBlock block = JniUtils.loadModule(pt, new ByteArrayInputStream(archive()), false, false);
            try (IValue x = IValue.from((PtNDArray) m.create(new float[] {1, 2, 3}));
                 IValue y = block.forward(x)) {
                assertThat(y.toTensor(pt).toFloatArray()).containsExactly(2.5f, 5f, 7.5f);
            }
            try (IValue d = IValueUtils.runMethod(block, "describe")) {
                assertThat(d.toStringValue()).isEqualTo("héllo:42:True:True");
            }
            // bfloat16 lives only inside the engine: DJL's own dtype mapping never sees it
            PtNDArray w = (PtNDArray) m.create(new float[] {1, 0, 0, 0, 1, 0}, new Shape(2, 3));
            try (IValue ws = IValue.listFrom(w); IValue bf = IValueUtils.runMethod(block, "widen", ws);
                 IValue in = IValue.from((PtNDArray) m.create(new float[] {3, 4, 5}, new Shape(1, 3)));
                 IValue out = IValueUtils.runMethod(block, "dot", bf, in)) {
                assertThat(out.toTensor(pt).toFloatArray()).containsExactly(3f, 4f);
            }
        }
    }

    @Test
    void sourceTheEngineCannotCompileIsAnExceptionNotACrash() {
        byte[] bad = TorchScriptArchive.module("Probe", SOURCE.replace("torch.mul(x, self.scale)", "torch.mul(x, self.nope)"),
            new LinkedHashMap<>(Map.of("scale", 1.0, "count", 1, "label", "", "flag", false)));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertThatThrownBy(() -> JniUtils.loadModule((PtNDManager) m, new ByteArrayInputStream(bad), false, false))
                .isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void theGeneratedStepSourceHasNoUnfilledPlaceholders() {
        var c = new dev.strata.models.arch.LlamaConfig(64, 96, 2, 4, 2, 100, 32, 1e-5f, 10000f,
            dev.strata.models.arch.RopeStyle.HALF, true, false);
        String s = StepScript.source(c, true, false, 8, 16, 15, 2);
        assertThat(s).doesNotContain("${").contains("class LlamaStep(Module):").contains(".to(15)").contains("w[base + 2]");
    }
}
