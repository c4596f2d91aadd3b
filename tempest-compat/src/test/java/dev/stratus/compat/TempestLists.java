package dev.stratus.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * tempest-compat/tempest's allow-list.txt (test ids that must pass) and exclusions.txt (regex and reason per
 * test or group left out), and what is wrong with them against the tests Tempest has.
 */
final class TempestLists {

    /** One line of exclusions.txt: a regex searched in test ids (as stestr does) and why. */
    record Exclusion(Pattern regex, String reason) {
        boolean matches(String testId) {
            return regex.matcher(testId).find();
        }
    }

    final List<String> allowed;
    final List<Exclusion> exclusions;

    private TempestLists(List<String> allowed, List<Exclusion> exclusions) {
        this.allowed = allowed;
        this.exclusions = exclusions;
    }

    static TempestLists read(Path dir) throws IOException {
        List<String> allowed = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("allow-list.txt"))) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                allowed.add(line.strip());
            }
        }
        List<Exclusion> exclusions = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("exclusions.txt"))) {
            int hash = line.indexOf('#');
            String regex = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (!regex.isEmpty()) {
                exclusions.add(new Exclusion(Pattern.compile(regex), hash < 0 ? "" : line.substring(hash + 1).strip()));
            }
        }
        return new TempestLists(allowed, exclusions);
    }

    /** The exclusion that leaves this test out, or null. */
    Exclusion exclusionOf(String testId) {
        for (Exclusion e : exclusions) {
            if (e.matches(testId)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Everything wrong with the lists, given every test id Tempest has in the areas: allow-listed ids Tempest
     * does not have or lists twice, allow-listed tests an exclusion also matches, exclusions without a reason
     * or matching nothing, and tests that are neither allow-listed nor excluded.
     */
    List<String> problems(List<String> tempestTests) {
        List<String> problems = new ArrayList<>();
        Set<String> known = new HashSet<>(tempestTests);
        Set<String> seen = new HashSet<>();
        for (String id : allowed) {
            if (!known.contains(id)) {
                problems.add("allow-listed but not a Tempest test of the areas: " + id);
            }
            if (!seen.add(id)) {
                problems.add("allow-listed twice: " + id);
            }
            Exclusion e = exclusionOf(id);
            if (e != null) {
                problems.add("allow-listed and excluded (" + e.regex() + "): " + id);
            }
        }
        for (Exclusion e : exclusions) {
            if (e.reason().isEmpty()) {
                problems.add("exclusion without a reason: " + e.regex());
            }
            if (tempestTests.stream().noneMatch(e::matches)) {
                problems.add("exclusion matching no test: " + e.regex());
            }
        }
        for (String id : tempestTests) {
            if (!seen.contains(id) && exclusionOf(id) == null) {
                problems.add("neither allow-listed nor excluded: " + id);
            }
        }
        return problems;
    }
}
