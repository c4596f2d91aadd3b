package dev.stratus.image.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    private static final long SIZE = 1000;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bytes=0-99     | 0   | 100",
        "bytes=0-0      | 0   | 1",
        "bytes=100-     | 100 | 900",
        "bytes=999-     | 999 | 1",
        "bytes=999-999  | 999 | 1",
        "bytes=500-5000 | 500 | 500",
        "bytes=-1       | 999 | 1",
        "bytes=-100     | 900 | 100",
        "bytes=-1000    | 0   | 1000",
        "bytes=-5000    | 0   | 1000",
        "BYTES = 10-19  | 10  | 10",
        "bytes=0-99999999999999999999999 | 0 | 1000",
    })
    void slices(String header, long offset, long length) {
        assertEquals(new ByteRange.Slice(offset, length, SIZE), ByteRange.parse(header, SIZE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-1001", "bytes=5000-6000", "bytes=-0",
        "bytes=99999999999999999999999-"})
    void unsatisfiable(String header) {
        assertEquals(new ByteRange.Unsatisfiable(SIZE), ByteRange.parse(header, SIZE));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "bytes", "bytes=", "bytes=-", "bytes=abc", "bytes=5-1", "bytes=1-2,5-6",
        "bytes=0-1, 3-4", "items=0-5", "bytes=+1-2", "bytes=-1-2", "bytes=1.5-2", "bytes 0-5"})
    void ignoredOrMultiRangeGiveTheWholeContent(String header) {
        assertEquals(new ByteRange.Whole(SIZE), ByteRange.parse(header, SIZE));
    }

    @Test
    void noHeaderGivesTheWholeContent() {
        assertEquals(new ByteRange.Whole(SIZE), ByteRange.parse(null, SIZE));
    }

    @Test
    void emptyDataSatisfiesNoRange() {
        assertEquals(new ByteRange.Unsatisfiable(0), ByteRange.parse("bytes=0-", 0));
        assertEquals(new ByteRange.Unsatisfiable(0), ByteRange.parse("bytes=-5", 0));
        assertEquals(new ByteRange.Whole(0), ByteRange.parse(null, 0));
    }

    @Test
    void contentRangeHeaders() {
        assertEquals("bytes 900-999/1000", ((ByteRange.Slice) ByteRange.parse("bytes=-100", SIZE)).contentRange());
        assertEquals("bytes 0-0/1000", ((ByteRange.Slice) ByteRange.parse("bytes=0-0", SIZE)).contentRange());
        assertEquals("bytes */1000",
                ((ByteRange.Unsatisfiable) ByteRange.parse("bytes=1000-", SIZE)).contentRange());
    }
}
