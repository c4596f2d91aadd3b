package dev.stratus.compute.node.network.linux;

import dev.stratus.compute.node.network.HostNetworkingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The dnsmasq of one network, known by its pid file. A pid counts only while {@code /proc} shows a live
 * dnsmasq started with that very pid file, so a reused pid is never signalled.
 */
public final class DnsmasqProcess {

    private static final long STOP_WAIT_MILLIS = 5000;

    private final HostShell shell;
    private final Path pidFile;

    public DnsmasqProcess(HostShell shell, Path directory) {
        this.shell = shell;
        this.pidFile = directory.resolve(DnsmasqConfig.PID_FILE);
    }

    /** The pid of the running dnsmasq of this pid file, if there is one. */
    public OptionalLong pid() {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        List<String> command = commandLine(pid);
        return !command.isEmpty() && command.get(0).endsWith("dnsmasq")
                && command.contains("--pid-file=" + pidFile) ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    /** The process's arguments, program name first; empty when it is gone (or a zombie). */
    public static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return args;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Starts dnsmasq in {@code namespace}; it detaches and writes its pid file. */
    public void start(String namespace, List<String> arguments) throws HostNetworkingException {
        List<String> command = new ArrayList<>();
        command.add("dnsmasq");
        command.addAll(arguments);
        shell.in(namespace, command.toArray(String[]::new));
        if (pid().isEmpty()) {
            throw new HostNetworkingException("dnsmasq in " + namespace + " did not stay up");
        }
    }

    /** Makes dnsmasq re-read its hosts and options files. */
    public void reload(long pid) throws HostNetworkingException {
        shell.tryPlain("kill", "-HUP", Long.toString(pid));
    }

    /** Stops the dnsmasq of this pid file, if it runs, and waits until it is gone. */
    public void stop() throws HostNetworkingException {
        OptionalLong pid = pid();
        if (pid.isEmpty()) {
            return;
        }
        shell.tryPlain("kill", "-TERM", Long.toString(pid.getAsLong()));
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        while (!commandLine(pid.getAsLong()).isEmpty()) {
            if (System.currentTimeMillis() > deadline) {
                shell.tryPlain("kill", "-KILL", Long.toString(pid.getAsLong()));
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostNetworkingException("interrupted while stopping dnsmasq " + pid.getAsLong(), e);
            }
        }
    }
}
