package dev.stratus.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.fault.ApiException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PageTest {

    private final List<String> ids = List.of("a", "b", "c", "d", "e");

    @Test
    void walksThePagesWithMarkers() {
        Page<String> first = Page.of(ids, Function.identity(), PageRequest.of("2", null, 1000));
        assertEquals(List.of("a", "b"), first.items());
        assertTrue(first.hasMore());
        Page<String> last = Page.of(ids, Function.identity(), PageRequest.of("2", "d", 1000));
        assertEquals(List.of("e"), last.items());
        assertFalse(last.hasMore());
    }

    @Test
    void limitIsCappedAndValidated() {
        assertEquals(3, PageRequest.of("50", null, 3).limit());
        assertEquals(3, PageRequest.of(null, null, 3).limit());
        assertEquals(400, assertThrows(ApiException.class, () -> PageRequest.of("-1", null, 10)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> PageRequest.of("ten", null, 10)).status());
    }

    @Test
    void unknownMarkerIs400() {
        ApiException e = assertThrows(ApiException.class,
                () -> Page.of(ids, Function.identity(), PageRequest.of(null, "zz", 10)));
        assertEquals(400, e.status());
        assertEquals("marker [zz] not found", e.getMessage());
    }

    @Test
    void overfetchTellsWhetherMoreExist() {
        assertTrue(Page.fromOverfetch(List.of(1, 2, 3), 2).hasMore());
        assertFalse(Page.fromOverfetch(List.of(1, 2), 2).hasMore());
    }
}
