package io.flashback.bridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
    @Test
    void ordersLikeUtf8BytesIncludingSupplementaryCharacters() {
        Random r = new Random(7);
        int[] pool = {'a', 'z', '/', 0x7F, 0xE9, 0x4E2D, 0xFF61, 0xFFFD, 0x1F600, 0x10400, 0xE000};
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0, n = 1 + r.nextInt(4); j < n; j++) sb.appendCodePoint(pool[r.nextInt(pool.length)]);
            keys.add(sb.toString());
        }
        List<String> byComparator = new ArrayList<>(keys);
        byComparator.sort(KeyOrder.INSTANCE);
        List<String> byBytes = new ArrayList<>(keys);
        byBytes.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
        assertThat(byComparator).containsExactlyElementsOf(byBytes);
    }

    @Test
    void thePrefixUpperBoundIsAboveEveryKeyWithThePrefix() {
        String bound = KeyOrder.prefixUpperBound("photos/");
        assertThat(bound).isEqualTo("photos0");
        for (String k : List.of("photos/", "photos/\uDBFF\uDFFF", "photos/zzz")) assertThat(KeyOrder.INSTANCE.compare(k, bound)).isNegative();
        assertThat(KeyOrder.INSTANCE.compare("photos0", bound)).isZero();
    }
}
