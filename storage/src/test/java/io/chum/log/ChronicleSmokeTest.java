package io.chum.log;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChronicleSmokeTest {
    @Test
    @Timeout(30)
    void shouldAppendAndTailWithTheProjectJvmFlags(@TempDir final Path dir) {
        try (ChronicleQueue q = ChronicleQueue.singleBuilder(dir).build()) {
            final ExcerptAppender a = q.createAppender();
            for (int i = 0; i < 100; i++) {
                try (DocumentContext dc = a.writingDocument()) {
                    dc.wire().bytes().writeInt(i);
                }
            }
            final ExcerptTailer t = q.createTailer();
            int n = 0;
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    assertEquals(n, dc.wire().bytes().readInt());
                    n++;
                }
            }
            assertEquals(100, n);
        }
    }
}
