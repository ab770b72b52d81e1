package dev.hashscope.app.flame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hashscope.flame.FlameKind;
import dev.hashscope.flame.FlameTree;
import org.junit.jupiter.api.Test;

class FlameSearchTest {
    /** main 10 = put 6 (of which resize 4) + render 4. */
    private final FlameTree tree = new TestTrees()
            .add(2, "a.Main.main", "java.util.HashMap.put")
            .add(4, "a.Main.main", "java.util.HashMap.put", "java.util.HashMap.resize")
            .add(3, "a.Main.main", "a.View.render")
            .add(1, "a.Main.main", "a.View.render", "__memmove_avx(unaligned)")
            .build(FlameKind.CPU);
    private final int put = TestTrees.node(tree, "a.Main.main", "java.util.HashMap.put");
    private final int resize = TestTrees.node(tree, "a.Main.main", "java.util.HashMap.put", "java.util.HashMap.resize");
    private final int render = TestTrees.node(tree, "a.Main.main", "a.View.render");

    @Test
    void matchesARegexAnywhereInTheNameIgnoringCase() {
        FlameSearch search = FlameSearch.run(tree, "hashmap\\.(put|get)$");
        assertEquals(1, search.count());
        assertTrue(search.matches(put));
        assertFalse(search.matches(resize));
    }

    @Test
    void anInvalidRegexIsSearchedAsText() {
        FlameSearch search = FlameSearch.run(tree, "AVX(UNAL");
        assertEquals(1, search.count());
        assertTrue(search.matches(TestTrees.node(tree, "a.Main.main", "a.View.render", "__memmove_avx(unaligned)")));
    }

    @Test
    void nestedMatchesAreCountedOnceInTheShare() {
        FlameSearch search = FlameSearch.run(tree, "HashMap");
        assertEquals(2, search.count());
        // put (6) contains resize (4): 6 of 10, not 10 of 10.
        assertEquals(6, search.matchedWeight(tree.root()));
        assertEquals(0.6, search.matchedShare(tree.root()), 1e-12);
        assertEquals(1.0, search.matchedShare(put), 1e-12);
        assertEquals(0.0, search.matchedShare(render), 1e-12);
    }

    @Test
    void siblingMatchesAddUp() {
        FlameSearch search = FlameSearch.run(tree, "resize|render");
        assertEquals(2, search.count());
        assertEquals(8, search.matchedWeight(tree.root()));
    }

    @Test
    void anEmptyQueryMatchesNothingAndTheRootNeverMatches() {
        assertEquals(0, FlameSearch.run(tree, "").count());
        FlameSearch anyA = FlameSearch.run(tree, "a");
        assertFalse(anyA.matches(tree.root()), "the root 'all' is not a frame");
        assertEquals(tree.nodeCount() - 1, anyA.count());
        assertEquals(1.0, anyA.matchedShare(tree.root()), 1e-12);
    }
}
