package dev.stratus.compute.api.operator.service;

import dev.stratus.compute.api.operator.config.ComputeHostsSettings;
import dev.stratus.compute.api.operator.persistence.ServiceRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a service is up: it reported within {@code service-down-time} and no operator forced it down
 * (Nova's database service group driver).
 */
@ApplicationScoped
public class ServiceLiveness {

    private final Duration downTime;
    private final Clock clock;

    @Inject
    public ServiceLiveness(ComputeHostsSettings settings) {
        this(settings.serviceDownTime(), Clock.systemUTC());
    }

    ServiceLiveness(Duration downTime, Clock clock) {
        this.downTime = downTime;
        this.clock = clock;
    }

    public boolean isUp(ServiceRow service) {
        return isUp(service, clock.instant());
    }

    public boolean isUp(ServiceRow service, Instant now) {
        if (service.forcedDown() || service.lastSeenUp() == null) {
            return false;
        }
        Duration elapsed = Duration.between(service.lastSeenUp(), now).abs();
        return elapsed.compareTo(downTime) <= 0;
    }

    public Instant now() {
        return clock.instant();
    }
}
