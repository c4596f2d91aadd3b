package dev.stratus.compute.api.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.compute.api.operator.service.AuditPeriod;
import dev.stratus.compute.api.operator.service.AuditPeriod.Span;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The last completed audit period, as Nova's last_completed_audit_period computes it. */
class AuditPeriodTest {

    private static Span last(String period, String now) {
        return AuditPeriod.parse(period).lastCompleted(LocalDateTime.parse(now));
    }

    private static Span span(String beginning, String ending) {
        return new Span(LocalDateTime.parse(beginning), LocalDateTime.parse(ending));
    }

    @Test
    void aMonthIsTheCalendarMonthBeforeTheCurrentOneOrFromTheOffsetDay() {
        assertEquals(span("2026-11-01T00:00", "2026-12-01T00:00"), last("month", "2026-12-06T23:00"));
        assertEquals(span("2025-12-01T00:00", "2026-01-01T00:00"), last("month", "2026-01-01T00:00:01"));
        // a period ending exactly now has not completed yet, as in Nova
        assertEquals(span("2025-11-01T00:00", "2025-12-01T00:00"), last("month", "2026-01-01T00:00"));
        assertEquals(span("2026-10-15T00:00", "2026-11-15T00:00"), last("month@15", "2026-12-06T23:00"));
        assertEquals(span("2026-11-15T00:00", "2026-12-15T00:00"), last("month@15", "2026-12-15T00:00:01"));
    }

    @Test
    void hoursDaysAndYearsWithTheirOffsets() {
        assertEquals(span("2026-12-06T21:00", "2026-12-06T22:00"), last("hour", "2026-12-06T22:30"));
        assertEquals(span("2026-12-06T20:45", "2026-12-06T21:45"), last("hour@45", "2026-12-06T22:30"));
        assertEquals(span("2026-12-05T00:00", "2026-12-06T00:00"), last("day", "2026-12-06T22:30"));
        assertEquals(span("2026-12-04T23:00", "2026-12-05T23:00"), last("day@23", "2026-12-06T22:30"));
        assertEquals(span("2025-01-01T00:00", "2026-01-01T00:00"), last("year", "2026-12-06T22:30"));
        assertEquals(span("2024-07-01T00:00", "2025-07-01T00:00"), last("year@7", "2026-03-06T22:30"));
    }

    @Test
    void unknownUnitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AuditPeriod.parse("week"));
        assertThrows(IllegalArgumentException.class, () -> AuditPeriod.parse("month@x"));
    }
}
