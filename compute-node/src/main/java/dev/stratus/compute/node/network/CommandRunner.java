package dev.stratus.compute.node.network;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command with a time limit; a seam so the plumbing is tested without root. */
public interface CommandRunner {

    /** Runs {@code command} with {@code input} (null: none) on its standard input. */
    Result run(List<String> command, String input) throws HostNetworkingException;

    default Result run(List<String> command) throws HostNetworkingException {
        return run(command, null);
    }

    record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Runs commands with {@link ProcessBuilder}, output and error merged, 30 s limit. The output goes through a
     * file rather than a pipe: a daemon the command starts (dnsmasq) may keep it open after the command ends.
     */
    static CommandRunner system() {
        return (command, input) -> {
            String shown = String.join(" ", command);
            Path output;
            try {
                output = Files.createTempFile("stratus-command", ".out");
            } catch (IOException e) {
                throw new HostNetworkingException("cannot run " + shown + ": " + e.getMessage(), e);
            }
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                try (OutputStream stdin = process.getOutputStream()) {
                    if (input != null) {
                        stdin.write(input.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the command did not read all its input; its exit code tells what happened
                }
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new HostNetworkingException(shown + " did not finish in 30 s");
                }
                String text = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
                return new Result(process.exitValue(), text.strip());
            } catch (IOException e) {
                throw new HostNetworkingException("cannot run " + shown + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostNetworkingException("interrupted while running " + shown, e);
            } finally {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            }
        };
    }
}
