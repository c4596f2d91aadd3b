package dev.stratus.network.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the packaged service as the benchmark does and writes an admin and a member token to the file given as
 * argument, so that real clients (the OpenStack CLI with {@code --os-auth-type admin_token}, openstacksdk) can be
 * tried against it; stops when this process is ended.
 *
 * <pre>smvn -o -q -pl network-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.stratus.network.bench.ServeForClients -Dexec.args=/tmp/neutron-tokens</pre>
 */
public final class ServeForClients {

    private ServeForClients() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "neutron-tokens");
        try (BenchmarkService service = BenchmarkService.start()) {
            Files.writeString(out, "URL=" + service.url() + "\nADMIN=" + service.token("cli-admin", "admin-project",
                    List.of("admin", "member", "reader")) + "\nMEMBER=" + service.token("cli-user", "cli-project",
                    List.of("member", "reader")) + "\n");
            System.out.println("network-service at " + service.url() + "; tokens in " + out);
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
