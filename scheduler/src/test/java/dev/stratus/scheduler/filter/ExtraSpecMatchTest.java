package dev.stratus.scheduler.filter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Nova's extra_specs_ops semantics. */
class ExtraSpecMatchTest {

    @Test
    void plainValuesCompareAsWholeStrings() {
        assertTrue(ExtraSpecMatch.matches("true", "true"));
        assertFalse(ExtraSpecMatch.matches("true", "True"));
        assertTrue(ExtraSpecMatch.matches("=4", "=4"), "no space after the operator: not an operator");
    }

    @Test
    void numericOperators() {
        assertTrue(ExtraSpecMatch.matches("= 4", "8"), "'=' means at least, as in Nova");
        assertFalse(ExtraSpecMatch.matches("= 4", "2"));
        assertTrue(ExtraSpecMatch.matches("== 4", "4.0"));
        assertFalse(ExtraSpecMatch.matches("== 4", "8"));
        assertTrue(ExtraSpecMatch.matches("!= 4", "8"));
        assertTrue(ExtraSpecMatch.matches(">= 4", "4"));
        assertTrue(ExtraSpecMatch.matches("<= 4", "3"));
        assertFalse(ExtraSpecMatch.matches("<= 4", "5"));
        assertFalse(ExtraSpecMatch.matches(">= 4", "many"), "not a number: no match, no exception");
    }

    @Test
    void stringOperators() {
        assertTrue(ExtraSpecMatch.matches("s== abc", "abc"));
        assertTrue(ExtraSpecMatch.matches("s!= abc", "abd"));
        assertFalse(ExtraSpecMatch.matches("s!= abc", "abc"));
        assertTrue(ExtraSpecMatch.matches("s< b", "a"));
        assertTrue(ExtraSpecMatch.matches("s<= a", "a"));
        assertTrue(ExtraSpecMatch.matches("s> a", "b"));
        assertTrue(ExtraSpecMatch.matches("s>= b", "b"));
    }

    @Test
    void setOperators() {
        assertTrue(ExtraSpecMatch.matches("<in> avx", "sse avx2"));
        assertFalse(ExtraSpecMatch.matches("<in> avx512", "sse avx2"));
        assertTrue(ExtraSpecMatch.matches("<all-in> sse avx", "sse avx2"));
        assertFalse(ExtraSpecMatch.matches("<all-in> sse aes", "sse avx2"));
        assertTrue(ExtraSpecMatch.matches("<or> gold <or> silver", "silver"));
        assertFalse(ExtraSpecMatch.matches("<or> gold <or> silver", "bronze"));
    }

    @Test
    void oneOfseveralOfferedValuesIsEnough() {
        assertTrue(ExtraSpecMatch.matches(">= 16", Set.of("many", "8", "32")));
        assertFalse(ExtraSpecMatch.matches(">= 16", Set.of("8", "4")));
    }
}
