package dev.stratus.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as a user would, capturing what it prints. */
final class Shell {

    record Result(int exitCode, String stdout, String stderr) {
        Result expectSuccess(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed (exit " + exitCode + ")\nstdout: " + stdout
                        + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    private Shell() {
    }

    static Result run(Path dir, Map<String, String> env, long timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile());
        builder.environment().putAll(env);
        Path out = java.nio.file.Files.createTempFile("stratus-cmd", ".out");
        Path err = java.nio.file.Files.createTempFile("stratus-cmd", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        Result result = new Result(process.exitValue(),
                java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
        java.nio.file.Files.deleteIfExists(out);
        java.nio.file.Files.deleteIfExists(err);
        return result;
    }

    static String[] cmd(String first, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
