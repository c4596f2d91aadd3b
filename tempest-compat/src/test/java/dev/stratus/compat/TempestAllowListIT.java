package dev.stratus.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real OpenStack Tempest (Debian's package) against the shared all-in-one: make-tempest-conf writes its
 * tempest.conf from the running cloud, run-tempest runs exactly allow-list.txt with six workers (Tempest mostly
 * waits: its subnet deletes sleep 10 s), serial.txt's tests last and alone, and every listed test must pass.
 * Before that, the lists are checked against Tempest's own test list: every test of the identity, compute, image
 * and network areas is either allow-listed or excluded with a reason.
 * The report (counts per area, wall time, problems) goes to target/tempest-report.md, with the run's
 * results.tsv and output next to it.
 *
 * <p>Tempest's servers boot on the simulated hosts (fake driver): guest validation is off (no packets to
 * guests from this host), so a real guest would add only time, and this host's node is out of scheduling
 * while Tempest runs.
 */
@ExtendWith(CloudExtension.class)
class TempestAllowListIT {

    private static final String AREAS_REGEX = "^tempest\\.api\\.(identity|compute|image|network)\\.";
    private static final String RUN = "ci";
    /**
     * Tempest workers: the network tests spend most of their time in the 10 s sleep Tempest's client puts before
     * every subnet delete, so four workers on two cores finish sooner than two without loading the cloud more.
     */
    private static final String CONCURRENCY = "6";
    /** The Tempest part of the build must stay well under 20 minutes on the 2-core machine. */
    private static final long TIMEOUT_SECONDS = 30 * 60;

    @Test
    void everyAllowListedTempestTestPasses(RunningCloud cloud) throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/tempest")),
                "Tempest is required: apt-get install tempest (.ci/run installs it)");
        Path tempestDir = cloud.root.resolve("tempest-compat/tempest");
        Path runTempest = tempestDir.resolve("run-tempest");
        ComputeHosts hosts = new ComputeHosts(cloud);
        hosts.awaitAllUp();

        TempestLists lists = TempestLists.read(tempestDir);
        List<String> tempestTests = new ArrayList<>();
        for (String line : Shell.run(cloud.root, cloud.env, 300, runTempest.toString(), RUN, "--list", AREAS_REGEX)
                .expectSuccess("run-tempest --list").stdout().split("\n")) {
            if (line.startsWith("tempest.")) {
                tempestTests.add(line.strip());
            }
        }
        List<String> problems = new ArrayList<>(lists.problems(tempestTests));

        long begin = System.nanoTime();
        Shell.Result run;
        cloud.setRealNode(false);
        try {
            run = Shell.run(cloud.root, cloud.env, TIMEOUT_SECONDS, runTempest.toString(), RUN, "--allow-list",
                    CONCURRENCY);
        } finally {
            cloud.setRealNode(true);
        }
        long wallSeconds = Math.round((System.nanoTime() - begin) / 1e9);
        System.out.printf("Tempest allow-list run: %d s, exit %d%n%s%s%n", wallSeconds, run.exitCode(), run.stdout(),
                run.stderr());

        Path results = cloud.state.resolve("tempest").resolve(RUN + ".results.tsv");
        assertTrue(Files.exists(results), "Tempest left no results: " + run.stdout() + run.stderr());
        TempestRun tempest = TempestRun.read(results);
        problems.addAll(tempest.problems(lists.allowed));
        String report = tempest.report(tempestTests, lists.allowed, wallSeconds, CONCURRENCY, problems);
        Path target = Path.of(System.getProperty("stratus.target", "target"));
        Files.createDirectories(target);
        Files.writeString(target.resolve("tempest-report.md"), report);
        for (String file : List.of(RUN + ".results.tsv", RUN + ".out")) {
            Files.copy(cloud.state.resolve("tempest").resolve(file), target.resolve("tempest-" + file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.println(report);
        assertTrue(problems.isEmpty(), problems.size() + " problem(s) with the Tempest allow-list (report: "
                + target.resolve("tempest-report.md") + "):\n" + String.join("\n", problems));
    }
}
