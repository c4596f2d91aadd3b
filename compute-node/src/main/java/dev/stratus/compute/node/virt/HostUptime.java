package dev.stratus.compute.node.virt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The host's uptime line as the {@code uptime} command prints it, which is what os-hypervisors shows
 * ({@code " 22:40:01 up 3 days,  4:05,  0 users,  load average: 0.23, 0.21, 0.16"}).
 */
public final class HostUptime {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private HostUptime() {
    }

    /** This machine's, from {@code /proc/uptime} and {@code /proc/loadavg}; null where those do not exist. */
    public static String ofThisHost() {
        try {
            double seconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0]);
            String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return format(LocalTime.now(ZoneId.systemDefault()), Duration.ofMillis((long) (seconds * 1000)),
                    Double.parseDouble(load[0]), Double.parseDouble(load[1]), Double.parseDouble(load[2]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The line procps writes for that clock time, uptime and load. */
    public static String format(LocalTime now, Duration up, double load1, double load5, double load15) {
        StringBuilder line = new StringBuilder(" ").append(CLOCK.format(now)).append(" up ");
        long days = up.toDays();
        if (days > 0) {
            line.append(days).append(days == 1 ? " day, " : " days, ");
        }
        long hours = up.toHoursPart();
        long minutes = up.toMinutesPart();
        if (hours > 0) {
            line.append(String.format(Locale.ROOT, "%2d:%02d, ", hours, minutes));
        } else {
            line.append(minutes).append(" min, ");
        }
        line.append(String.format(Locale.ROOT, " 0 users,  load average: %.2f, %.2f, %.2f", load1, load5, load15));
        return line.toString();
    }
}
