package dev.stratus.compute.node.virt;

import dev.stratus.compute.node.config.ComputeNodeConfig;
import org.jboss.logging.Logger;

/**
 * The guests' serial consoles on this host, as Nova's {@code [serial_console]} options: whether a guest's first
 * serial port listens on TCP, the ports it may take ({@code start} included, {@code stop} excluded, as Nova's
 * {@code range(start, stop)}) and the address it listens on, which is the one the serial console proxy connects to.
 */
public record SerialConsoleSettings(boolean enabled, int start, int stop, String proxyClientAddress) {

    /** Nova's default {@code port_range}. */
    public static final String DEFAULT_PORT_RANGE = "10000:20000";

    /** Nova's default: no serial consoles. */
    public static final SerialConsoleSettings OFF = new SerialConsoleSettings(false, 10000, 20000, "127.0.0.1");

    private static final Logger LOG = Logger.getLogger(SerialConsoleSettings.class);

    public SerialConsoleSettings {
        if (start < 1 || stop > 65536 || start >= stop) {
            throw new IllegalArgumentException("invalid serial console port range " + start + ":" + stop);
        }
        if (proxyClientAddress == null || proxyClientAddress.isBlank()) {
            throw new IllegalArgumentException("the serial console proxy client address is required");
        }
    }

    /** Consoles on, on {@code address}, with ports from {@code start} to {@code stop} (excluded). */
    public static SerialConsoleSettings on(String address, int start, int stop) {
        return new SerialConsoleSettings(true, start, stop, address);
    }

    public static SerialConsoleSettings of(ComputeNodeConfig.SerialConsoleConfig config) {
        int[] range = portRange(config.portRange());
        return new SerialConsoleSettings(config.enabled(), range[0], range[1], config.proxyclientAddress());
    }

    /**
     * {@code <start>:<stop>}; like Nova, a range that is not one (start not below stop, or not numbers in 1..65535)
     * is replaced by the default with a warning.
     */
    static int[] portRange(String value) {
        String[] parts = value == null ? new String[0] : value.strip().split(":");
        try {
            if (parts.length == 2) {
                int start = Integer.parseInt(parts[0]);
                int stop = Integer.parseInt(parts[1]);
                if (start >= 1 && stop <= 65535 && start < stop) {
                    return new int[] {start, stop};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the default
        }
        LOG.warnf("serial-console.port-range should be <start>:<stop> with start < stop; %s is not: taking %s",
                value, DEFAULT_PORT_RANGE);
        return new int[] {10000, 20000};
    }

    /** The range as configured, {@code start:stop}. */
    public String portRange() {
        return start + ":" + stop;
    }
}
