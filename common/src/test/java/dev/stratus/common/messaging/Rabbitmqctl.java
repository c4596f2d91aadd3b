package dev.stratus.common.messaging;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The machine's rabbitmqctl, for what AMQP cannot do: close connections from the broker side, restart. */
final class Rabbitmqctl {

    private Rabbitmqctl() {
    }

    /** Absolute path of rabbitmqctl, or null. Debian installs it in /usr/sbin, which may not be on PATH. */
    static String locate() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/sbin");
        dirs.add("/usr/local/sbin");
        for (String dir : dirs) {
            File f = new File(dir, "rabbitmqctl");
            if (!dir.isEmpty() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    static String require() {
        String path = locate();
        if (path == null) {
            throw new AssertionError("rabbitmqctl not found on PATH (nor in /usr/sbin): this test needs the local "
                    + "RabbitMQ's rabbitmqctl to act on the broker from outside the client");
        }
        return path;
    }

    static String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(require());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(command + " exited with " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }

    /**
     * Force-closes, from the broker side, every connection whose client-provided name starts with
     * {@code prefix} (and only those: other users of this broker are left alone). Returns how many.
     */
    static int closeConnections(String prefix, String reason) {
        // Silent table output: "<pid>\t[{\"connection_name\",\"...\"},...]" per line. close_connection wants
        // the pid in exactly that form (the JSON formatter prints it differently).
        String table = run("list_connections", "-q", "-s", "pid", "client_properties");
        Pattern name = Pattern.compile("\\{\"connection_name\",\"([^\"]*)\"\\}");
        int closed = 0;
        for (String line : table.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            Matcher m = name.matcher(line);
            if (m.find() && m.group(1).startsWith(prefix)) {
                run("close_connection", line.substring(0, tab).trim(), reason);
                closed++;
            }
        }
        return closed;
    }
}
