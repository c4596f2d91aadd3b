package dev.stratus.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Tempest run as {@code tempest-results} wrote it (status, test id, seconds, reason per line), checked
 * against the allow-list and counted per API area.
 */
final class TempestRun {

    static final List<String> AREAS = List.of("identity", "compute", "image", "network");

    record Result(String status, String testId, String reason) {
    }

    /** Counts of one area: Tempest's tests, allow-listed, and what the listed ones did. */
    static final class AreaCounts {
        int tempestTests;
        int allowListed;
        int passed;
        int failed;
        int skipped;
        int notRun;
    }

    final Map<String, Result> results = new LinkedHashMap<>();

    static TempestRun read(Path resultsTsv) throws IOException {
        TempestRun run = new TempestRun();
        for (String line : Files.readAllLines(resultsTsv)) {
            String[] f = line.split("\t", -1);
            if (f.length >= 4) {
                run.results.put(f[1], new Result(f[0], f[1], f[3]));
            }
        }
        return run;
    }

    static String area(String testId) {
        for (String area : AREAS) {
            if (testId.startsWith("tempest.api." + area + ".")) {
                return area;
            }
        }
        return "other";
    }

    /**
     * What keeps the build from passing: allow-listed tests that failed, skipped or did not run, and any
     * failure outside the list (a class set-up, for instance), each with Tempest's reason.
     */
    List<String> problems(List<String> allowed) {
        List<String> problems = new ArrayList<>();
        for (String id : allowed) {
            Result r = results.get(id);
            if (r == null) {
                problems.add("NOT RUN  " + id);
            } else if (!r.status().equals("passed")) {
                problems.add(r.status().toUpperCase() + "  " + id + "\n    " + r.reason());
            }
        }
        for (Result r : results.values()) {
            if (r.status().equals("failed") && !allowed.contains(r.testId())) {
                problems.add("FAILED  " + r.testId() + "\n    " + r.reason());
            }
        }
        return problems;
    }

    Map<String, AreaCounts> countsPerArea(List<String> tempestTests, List<String> allowed) {
        Map<String, AreaCounts> counts = new LinkedHashMap<>();
        AREAS.forEach(a -> counts.put(a, new AreaCounts()));
        tempestTests.forEach(id -> counts.computeIfAbsent(area(id), a -> new AreaCounts()).tempestTests++);
        for (String id : allowed) {
            AreaCounts c = counts.computeIfAbsent(area(id), a -> new AreaCounts());
            c.allowListed++;
            Result r = results.get(id);
            switch (r == null ? "not run" : r.status()) {
                case "passed" -> c.passed++;
                case "skipped" -> c.skipped++;
                case "failed" -> c.failed++;
                default -> c.notRun++;
            }
        }
        return counts;
    }

    /** The report written under target/: a Markdown table per area, then every problem. */
    String report(List<String> tempestTests, List<String> allowed, long wallSeconds, String concurrency,
            List<String> problems) {
        StringBuilder out = new StringBuilder();
        out.append("# Tempest allow-list run\n\n");
        out.append(String.format("Wall time of the Tempest run: %d s (concurrency %s).%n%n", wallSeconds,
                concurrency));
        out.append("| Area | Tempest tests | Allow-listed | Passed | Failed | Skipped | Not run | Not listed |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        countsPerArea(tempestTests, allowed).forEach((area, c) -> out.append(String.format(
                "| %s | %d | %d | %d | %d | %d | %d | %d |%n", area, c.tempestTests, c.allowListed, c.passed, c.failed,
                c.skipped, c.notRun, c.tempestTests - c.allowListed)));
        out.append("\n\"Not listed\": excluded in exclusions.txt, each with its reason.\n");
        if (!problems.isEmpty()) {
            out.append("\n## Problems\n\n");
            problems.forEach(p -> out.append(p).append('\n'));
        }
        return out.toString();
    }
}
