package dev.stratus.deploy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command line of the deploy tooling, used by the all-in-one launcher ({@code deploy/cloud}).
 * Exit codes: 0 success, 1 failure (probe: not accepting), 2 usage error.
 */
public final class Main {

    static final String USAGE = String.join("\n",
            "usage: java -jar stratus-deploy.jar <command> ...",
            "  postgres --port P --data-dir D",
            "      run embedded PostgreSQL 17 on 127.0.0.1:P with its cluster in D (created on first run,",
            "      kept afterwards); prints 'READY postgres 127.0.0.1:P'; stops cleanly on SIGTERM",
            "  broker --port P --work-dir D [--user U] [--password W] [--store derby|memory] [--bind-address A]",
            "      run an embedded AMQP 0-9-1 broker (Qpid Broker-J) on A:P (default 127.0.0.1), user U/W",
            "      (default guest/guest), durable store in D; prints 'READY amqp 127.0.0.1:P'; stops on SIGTERM",
            "  ensure-database --host H --port P --user U [--password W] [--owner R [--owner-password X]] NAME...",
            "      create each database NAME unless it exists (owned by role R, created if missing)",
            "  probe HOST PORT [--timeout-ms N]",
            "      exit 0 if HOST:PORT accepts TCP connections, 1 if not");

    private Main() {
    }

    public static void main(String[] args) {
        configureLogging();
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "postgres" -> postgres(rest, out);
                case "broker" -> broker(rest, out);
                case "ensure-database" -> ensureDatabase(rest, out);
                case "probe" -> probe(rest);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException | IllegalArgumentException e) {
            err.println("stratus-deploy: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            err.println("stratus-deploy " + args[0] + " failed: " + e);
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                err.println("  caused by: " + cause);
            }
            return 1;
        }
    }

    private static int postgres(List<String> args, PrintStream out) throws Exception {
        CommandArguments parsed = CommandArguments.parse(args, Set.of("port", "data-dir"));
        noPositional(parsed);
        int port = parsed.port("port");
        Path dataDir = Path.of(parsed.required("data-dir"));
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(port, dataDir);
        System.err.printf("stratus-deploy: PostgreSQL started in %d ms, data in %s%n",
                server.startupTime().toMillis(), server.dataDirectory());
        ForegroundService.runUntilTerminated(server, "READY postgres " + server.host() + ":" + port, out);
        return 0;
    }

    private static int broker(List<String> args, PrintStream out) throws Exception {
        CommandArguments parsed = CommandArguments.parse(args,
                Set.of("port", "work-dir", "user", "password", "store", "bind-address"));
        noPositional(parsed);
        BrokerSettings settings = new BrokerSettings(
                parsed.port("port"),
                Path.of(parsed.required("work-dir")),
                parsed.optional("user", BrokerSettings.DEFAULT_USER),
                parsed.optional("password", BrokerSettings.DEFAULT_PASSWORD),
                store(parsed.optional("store", "derby")),
                parsed.optional("bind-address", BrokerSettings.DEFAULT_BIND_ADDRESS));
        EmbeddedBroker broker = EmbeddedBroker.start(settings);
        System.err.printf("stratus-deploy: AMQP broker (%s store) started in %d ms, work dir %s%n",
                settings.store().name().toLowerCase(Locale.ROOT), broker.startupTime().toMillis(),
                settings.workDirectory());
        ForegroundService.runUntilTerminated(broker, "READY amqp " + broker.host() + ":" + broker.port(), out);
        return 0;
    }

    private static int ensureDatabase(List<String> args, PrintStream out) throws Exception {
        CommandArguments parsed = CommandArguments.parse(args,
                Set.of("host", "port", "user", "password", "owner", "owner-password"));
        if (parsed.positional().isEmpty()) {
            throw new UsageException("ensure-database needs at least one database NAME");
        }
        String owner = parsed.optional("owner", null);
        String ownerPassword = parsed.optional("owner-password", null);
        if (owner == null && ownerPassword != null) {
            throw new UsageException("--owner-password needs --owner");
        }
        DatabaseProvisioner provisioner = new DatabaseProvisioner(parsed.required("host"), parsed.port("port"),
                parsed.required("user"), parsed.optional("password", null));
        if (owner != null) {
            boolean created = provisioner.ensureRole(owner, ownerPassword);
            out.println((created ? "created role " : "role exists ") + owner);
        }
        for (String name : parsed.positional()) {
            boolean created = provisioner.ensureDatabase(name, owner);
            out.println((created ? "created database " : "database exists ") + name);
        }
        return 0;
    }

    private static int probe(List<String> args) {
        CommandArguments parsed = CommandArguments.parse(args, Set.of("timeout-ms"));
        if (parsed.positional().size() != 2) {
            throw new UsageException("probe needs HOST and PORT");
        }
        String host = parsed.positional().get(0);
        int port = CommandArguments.parsePort("PORT", parsed.positional().get(1));
        long timeoutMs;
        try {
            timeoutMs = Long.parseLong(parsed.optional("timeout-ms", "500"));
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout-ms must be a number of milliseconds");
        }
        return TcpProbe.isAccepting(host, port, Duration.ofMillis(timeoutMs)) ? 0 : 1;
    }

    private static BrokerSettings.Store store(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "derby" -> BrokerSettings.Store.DERBY;
            case "memory" -> BrokerSettings.Store.MEMORY;
            default -> throw new UsageException("--store must be derby or memory, got '" + value + "'");
        };
    }

    private static void noPositional(CommandArguments parsed) {
        if (!parsed.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + parsed.positional().get(0) + "'");
        }
    }

    /** slf4j-simple (on the CLI's class path) to stderr: our own messages and zonky's at INFO, the rest WARN. */
    private static void configureLogging() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.log.dev.stratus", "info");
        setDefault("org.slf4j.simpleLogger.log.io.zonky", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
