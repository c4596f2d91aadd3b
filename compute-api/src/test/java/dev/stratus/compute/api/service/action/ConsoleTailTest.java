package dev.stratus.compute.api.service.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The tail of a console log counts pieces between newlines, as Nova's does. */
class ConsoleTailTest {

    @Test
    void lastPiecesBetweenNewlines() {
        String log = "one\ntwo\nthree\nfour\n";
        assertEquals("three\nfour\n", ConsoleOutputAction.tail(log, 3));
        assertEquals(3, ConsoleOutputAction.tail(log, 3).split("\n", -1).length);
        assertEquals("", ConsoleOutputAction.tail(log, 0));
        assertEquals(log, ConsoleOutputAction.tail(log, null));
        assertEquals(log, ConsoleOutputAction.tail(log, 100));
        assertEquals("b", ConsoleOutputAction.tail("a\nb", 1));
    }
}
