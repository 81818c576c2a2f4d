package io.flashback.bridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** S3 listing semantics on a bucket of a million keys. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyIndexTest {
    private static final int DAYS = 1000;
    private static final int PER_DAY = 1000;
    private final KeyIndex index = new KeyIndex();

    @BeforeAll
    void fillWithAMillionKeys() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int d = 0; d < DAYS; d++) {
            for (int i = 0; i < PER_DAY; i++) {
                index.put(new ObjectSummary("logs/day-%04d/entry-%04d.json".formatted(d, i), 100, "etag", t));
            }
        }
        index.put(new ObjectSummary("readme.txt", 1, "etag", t));
        assertThat(index.size()).isEqualTo(DAYS * PER_DAY + 1);
    }

    @Test
    void pagesThroughOneDirectoryOfAMillionKeyBucket() {
        List<String> keys = new ArrayList<>();
        String marker = "";
        ListPage page;
        do {
            page = index.list(new ListQuery("logs/day-0500/", "/", marker, 300));
            page.objects().forEach(o -> keys.add(o.key()));
            marker = page.nextMarker();
        } while (page.truncated());
        assertThat(keys).hasSize(PER_DAY).startsWith("logs/day-0500/entry-0000.json").endsWith("logs/day-0500/entry-0999.json");
    }

    @Test
    void rollsAMillionKeysUpIntoCommonPrefixesPageByPage() {
        ListPage top = index.list(new ListQuery("", "/", "", 1000));
        assertThat(top.commonPrefixes()).containsExactly("logs/");
        assertThat(top.objects()).extracting(ObjectSummary::key).containsExactly("readme.txt");

        List<String> days = new ArrayList<>();
        String marker = "";
        ListPage page;
        do {
            page = index.list(new ListQuery("logs/", "/", marker, 250));
            days.addAll(page.commonPrefixes());
            marker = page.nextMarker();
        } while (page.truncated());
        assertThat(days).hasSize(DAYS).doesNotHaveDuplicates().first().isEqualTo("logs/day-0000/");
    }

    @Test
    void startsAfterAnyKeyWithoutScanningFromTheBeginning() {
        ListPage page = index.list(new ListQuery("", null, "logs/day-0999/entry-0997.json", 5));
        assertThat(page.objects()).extracting(ObjectSummary::key)
                .containsExactly("logs/day-0999/entry-0998.json", "logs/day-0999/entry-0999.json", "readme.txt");
        assertThat(page.truncated()).isFalse();
    }
}
