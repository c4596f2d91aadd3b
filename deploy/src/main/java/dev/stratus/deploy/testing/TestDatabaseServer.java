package dev.stratus.deploy.testing;

/**
 * The PostgreSQL server the tests of this JVM use, with superuser (or at least CREATEDB) credentials.
 *
 * @param embedded true when it is the embedded PostgreSQL this JVM started
 */
public record TestDatabaseServer(String host, int port, String user, String password, boolean embedded) {

    public TestDatabase database(String name) {
        return new TestDatabase(host, port, user, password, name, embedded);
    }
}
