package dev.stratus.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The machine's own PostgreSQL (trust authentication for postgres on 127.0.0.1), as tests expect it. */
final class LocalPostgres {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String USER = "postgres";

    private LocalPostgres() {
    }

    static DatabaseProvisioner provisioner() {
        assumeTrue(TcpProbe.isAccepting(HOST, PORT), "no PostgreSQL on " + HOST + ":" + PORT);
        return new DatabaseProvisioner(HOST, PORT, USER, "");
    }
}
