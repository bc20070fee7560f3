package io.chum;

import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChumExceptionTest {

    @Test
    void shouldSayWhatAFileSystemExceptionThatNamesOnlyItsFileMeans() {
        assertEquals("permission denied (/s/log/x.cq4)",
            ChumException.describe(new AccessDeniedException("/s/log/x.cq4")));
        assertEquals("no such file or directory (/s/format)", ChumException.describe(new NoSuchFileException("/s/format")));
        assertEquals("/s/log/x.cq4 (Permission denied)",
            ChumException.describe(new FileNotFoundException("/s/log/x.cq4 (Permission denied)")), "says it already");
        assertEquals("java.io.IOException", ChumException.describe(new IOException()));
    }
}
