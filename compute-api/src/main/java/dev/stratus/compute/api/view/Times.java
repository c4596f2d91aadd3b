package dev.stratus.compute.api.view;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The timestamp formats Nova uses: {@code created} with a Z, {@code launched_at} with microseconds and no zone. */
public final class Times {

    private static final DateTimeFormatter ZULU = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String zulu(Instant t) {
        return t == null ? null : ZULU.format(t);
    }

    public static String micros(Instant t) {
        return t == null ? null : MICROS.format(t.truncatedTo(ChronoUnit.MICROS));
    }
}
