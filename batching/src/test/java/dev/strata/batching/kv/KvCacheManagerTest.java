package dev.strata.batching.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KvCacheManagerTest {
    private final List<int[]> copies = new ArrayList<>();

    private KvCacheManager kv(int blocks, double watermark) {
        return new KvCacheManager(blocks, 4, watermark, true, (s, d) -> copies.add(new int[] {s, d}));
    }

    @Test
    void forkSharesBlocksAndTheFirstWriteCopiesTheSharedPartialBlock() {
        KvCacheManager kv = kv(8, 0);
        BlockTable a = new BlockTable();
        assertThat(kv.ensureCapacity(a, 0, 6)).isTrue();
        assertThat(a.size()).isEqualTo(2);
        BlockTable b = kv.fork(a);
        assertThat(kv.refCount(a.get(1))).isEqualTo(2);
        // writing position 6 (in the shared second block) copies it
        assertThat(kv.blocksNeeded(b, 6, 7)).isEqualTo(1);
        assertThat(kv.ensureCapacity(b, 6, 7)).isTrue();
        assertThat(copies).hasSize(1);
        assertThat(b.get(1)).isNotEqualTo(a.get(1));
        assertThat(b.get(0)).isEqualTo(a.get(0));
        assertThat(kv.refCount(a.get(1))).isEqualTo(1);
        // now a owns its block alone: no copy
        assertThat(kv.ensureCapacity(a, 6, 7)).isTrue();
        assertThat(copies).hasSize(1);
        kv.checkInvariants(List.of(a, b));
        kv.free(a);
        kv.free(b);
        kv.checkInvariants(List.of());
        assertThat(kv.availableBlocks()).isEqualTo(8);
    }

    @Test
    void prefixCacheMatchesWholeBlocksOfTheSameChainAndEvictsLeastRecentlyReleased() {
        KvCacheManager kv = kv(4, 0);
        int[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        BlockTable a = new BlockTable();
        kv.ensureCapacity(a, 0, 9);
        kv.publishFullBlocks(a, x, 9);
        int first = a.get(0);
        kv.free(a);
        assertThat(kv.availableBlocks()).isEqualTo(4);
        assertThat(kv.usage()).isZero();

        BlockTable b = new BlockTable();
        assertThat(kv.matchPrefix(b, x, x.length - 1)).isEqualTo(8);
        assertThat(b.get(0)).isEqualTo(first);
        kv.free(b);
        // same second block after a different first block: no match past block 0
        int[] y = {1, 2, 3, 0, 5, 6, 7, 8, 9};
        BlockTable c = new BlockTable();
        assertThat(kv.matchPrefix(c, y, y.length - 1)).isZero();
        // allocate everything: cached blocks are evicted, oldest released first
        BlockTable d = new BlockTable();
        assertThat(kv.ensureCapacity(d, 0, 16)).isTrue();
        assertThat(kv.ensureCapacity(d, 16, 17)).isFalse();
        kv.checkInvariants(List.of(c, d));
        kv.free(d);
        BlockTable e = new BlockTable();
        assertThat(kv.matchPrefix(e, x, x.length - 1)).isZero();
        kv.checkInvariants(List.of(c, e));
    }

    @Test
    void watermarkKeepsBlocksForRunningSequences() {
        KvCacheManager kv = kv(100, 0.05);
        assertThat(kv.canAdmit(95)).isTrue();
        assertThat(kv.canAdmit(96)).isFalse();
        assertThat(kv.canAllocate(100)).isTrue();
    }

    @Test
    void invariantCheckNamesTheBrokenBlock() {
        KvCacheManager kv = kv(4, 0);
        BlockTable a = new BlockTable();
        kv.ensureCapacity(a, 0, 4);
        assertThatThrownBy(() -> kv.checkInvariants(List.of()))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("block " + a.get(0));
        assertThatThrownBy(() -> kv.checkInvariants(List.of(a, a))).hasMessageContaining("twice");
        assertThat(Set.of(a.toArray()[0])).hasSize(1);
    }
}
