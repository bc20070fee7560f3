package io.chum.store;

import io.chum.log.LogEvent;
import io.chum.log.LogTailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNotNull;

class TailerAtEndTest {
    @Test
    @Timeout(60)
    void shouldSeeARecordAppendedAfterATailerWasCreatedAtTheEnd(@TempDir final Path dir) {
        try (OneStore store = OneStore.create(dir, TestStores.config())) {
            for (int i = 0; i < 200; i++) {
                TestStores.storePerson(store, "a" + i + "@x");
                final long end = store.logEnd();
                try (LogTailer t = store.tailer(end)) {
                    TestStores.storePerson(store, "b" + i + "@x");
                    final LogEvent e = t.next();
                    assertNotNull(e, "round " + i);
                }
            }
        }
    }
}
