package dev.stratus.compute.api.operator.service;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * An audit period as Nova's {@code instance_usage_audit_period} names it: {@code hour}, {@code day},
 * {@code month} or {@code year}, with an optional {@code @offset} (the minute of the hour, the hour of the day,
 * the day of the month or the month of the year the period starts at). Times are UTC.
 */
public record AuditPeriod(ChronoUnit unit, int offset) {

    /** One audited span, {@code [beginning, ending)}. */
    public record Span(LocalDateTime beginning, LocalDateTime ending) {
    }

    public static AuditPeriod parse(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("@", 2);
        ChronoUnit unit = switch (parts[0]) {
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            case "month" -> ChronoUnit.MONTHS;
            case "year" -> ChronoUnit.YEARS;
            default -> throw new IllegalArgumentException("Time period must be hour, day, month or year: " + text);
        };
        int offset;
        try {
            offset = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The offset of an audit period is a number: " + text, e);
        }
        return new AuditPeriod(unit, offset);
    }

    /** The last period that ended at or before {@code now}. */
    public Span lastCompleted(LocalDateTime now) {
        LocalDateTime ending = switch (unit) {
            case HOURS -> now.truncatedTo(ChronoUnit.HOURS).withMinute(offset);
            case DAYS -> now.truncatedTo(ChronoUnit.DAYS).withHour(offset);
            case MONTHS -> now.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(Math.max(1, offset));
            default -> now.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withMonth(Math.max(1, offset));
        };
        if (!ending.isBefore(now)) {
            ending = ending.minus(1, unit);
        }
        return new Span(ending.minus(1, unit), ending);
    }
}
