package dev.strata.tools.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny assembler for classic BPF as the kernel's seccomp filter reads it ({@code struct sock_filter}: u16 code,
 * u8 jt, u8 jf, u32 k, little-endian on x86-64). Jumps name labels; {@link #assemble} resolves them to the
 * relative forward offsets BPF needs and refuses programs whose jumps do not fit in a byte.
 */
final class BpfAssembler {
    static final int LD_W_ABS = 0x20;
    static final int JEQ_K = 0x15;
    static final int JGE_K = 0x35;
    static final int JSET_K = 0x45;
    static final int RET_K = 0x06;

    private record Insn(int code, String jt, String jf, int k) {
    }

    private final List<Insn> program = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();

    /** Loads the 32-bit word at {@code offset} of {@code struct seccomp_data}. */
    BpfAssembler load(int offset) {
        program.add(new Insn(LD_W_ABS, null, null, offset));
        return this;
    }

    /** Jumps to {@code ifTrue} when the accumulator compares true against {@code k}, else falls through (or to {@code ifFalse}). */
    BpfAssembler jump(int op, int k, String ifTrue, String ifFalse) {
        program.add(new Insn(op, ifTrue, ifFalse, k));
        return this;
    }

    /** Returns {@code action} (SECCOMP_RET_*). */
    BpfAssembler ret(int action) {
        program.add(new Insn(RET_K, null, null, action));
        return this;
    }

    /** Names the next instruction. */
    BpfAssembler label(String name) {
        if (labels.putIfAbsent(name, program.size()) != null) {
            throw new IllegalStateException("duplicate label " + name);
        }
        return this;
    }

    /** The program in the kernel's binary layout. */
    byte[] assemble() {
        if (program.size() > 4096) {
            throw new IllegalStateException("BPF program longer than 4096 instructions");
        }
        ByteBuffer out = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int pc = 0; pc < program.size(); pc++) {
            Insn i = program.get(pc);
            out.putShort((short) i.code).put(offset(pc, i.jt)).put(offset(pc, i.jf)).putInt(i.k);
        }
        return out.array();
    }

    private byte offset(int pc, String label) {
        if (label == null) {
            return 0;
        }
        Integer target = labels.get(label);
        if (target == null) {
            throw new IllegalStateException("undefined label " + label);
        }
        int rel = target - pc - 1;
        if (rel < 0 || rel > 255) {
            throw new IllegalStateException("jump to " + label + " out of range: " + rel);
        }
        return (byte) rel;
    }
}
