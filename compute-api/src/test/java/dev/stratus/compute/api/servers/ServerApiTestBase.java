package dev.stratus.compute.api.servers;

import dev.stratus.common.messaging.Messaging;
import dev.stratus.compute.api.ComputeTestKeys;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the servers' API tests share: the test keys, the broker, a scheduler stub attached to it (standing for the
 * scheduler and the hosts) and a fixture that makes servers as the hosts would report them.
 */
abstract class ServerApiTestBase {

    @Inject
    ComputeTestKeys keys;

    @Inject
    Messaging messaging;

    SchedulerStub stub;
    ServerFixture fixture;

    @BeforeEach
    void attachStub() throws Exception {
        stub = SchedulerStub.attach(messaging);
        fixture = new ServerFixture(messaging, stub);
    }
}
