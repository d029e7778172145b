package dev.strata.tools.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The BPF program's layout; its effect is checked for real in {@link EscapeSuiteTest#kernelSurfaceIsRefusedBySeccomp}. */
class SeccompPolicyTest {
    @Test
    void programChecksArchitectureFirstAndEndsInReturns() {
        byte[] p = SeccompPolicy.program(false);
        assertThat(p.length % 8).isZero();
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(0)).isEqualTo((short) BpfAssembler.LD_W_ABS);
        assertThat(b.getInt(4)).as("loads seccomp_data.arch").isEqualTo(4);
        assertThat(b.getShort(8)).isEqualTo((short) BpfAssembler.JEQ_K);
        assertThat(b.getInt(12)).isEqualTo(0xC000003E);
        assertThat(b.getShort(16)).isEqualTo((short) BpfAssembler.RET_K);
        assertThat(b.getInt(20)).as("foreign architecture kills the process").isEqualTo(0x80000000);
        assertThat(b.getShort(p.length - 8)).as("last instruction returns").isEqualTo((short) BpfAssembler.RET_K);
        assertThat(SeccompPolicy.program(true).length).as("two more allowed families with network")
            .isEqualTo(p.length + 2 * 8);
    }

    @Test
    void assemblerResolvesForwardJumpsAndRejectsBadOnes() {
        byte[] p = new BpfAssembler().load(0).jump(BpfAssembler.JEQ_K, 7, "yes", null).ret(0).label("yes").ret(1).assemble();
        assertThat(p[8 + 2]).as("jt skips one instruction").isEqualTo((byte) 1);
        assertThatThrownBy(() -> new BpfAssembler().jump(BpfAssembler.JEQ_K, 1, "nowhere", null).assemble())
            .hasMessageContaining("undefined label nowhere");
        BpfAssembler far = new BpfAssembler().jump(BpfAssembler.JEQ_K, 1, "far", null);
        for (int i = 0; i < 300; i++) {
            far.ret(0);
        }
        assertThatThrownBy(() -> far.label("far").ret(1).assemble()).hasMessageContaining("out of range");
    }
}
