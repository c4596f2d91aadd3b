package dev.stratus.network.view;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Neutron's timestamps: UTC, whole seconds, with a Z ({@code 2016-03-08T20:19:41Z}). */
public final class Times {

    private Times() {
    }

    public static String of(Instant t) {
        if (t == null) {
            return null;
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        char[] out = new char[20];
        digits(out, 0, utc.getYear(), 4);
        out[4] = '-';
        digits(out, 5, utc.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, utc.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, utc.getHour(), 2);
        out[13] = ':';
        digits(out, 14, utc.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, utc.getSecond(), 2);
        out[19] = 'Z';
        return new String(out);
    }

    /** Writes {@code value} as {@code width} decimal digits (listings format thousands of times at once). */
    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
