package dev.stratus.compute.api.operator.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.operator.persistence.AggregateRecords;
import dev.stratus.compute.api.operator.persistence.HostInstances;
import dev.stratus.compute.api.operator.persistence.ServiceRecords;
import dev.stratus.compute.api.operator.persistence.ServiceRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** Operator changes to services: enable, disable (with a reason), force down, delete. Each one is cast to the scheduler. */
@ApplicationScoped
public class ServiceAdmin {

    /** The new status of a service; null fields keep their value. */
    public record Change(Boolean disabled, String disabledReason, Boolean forcedDown) {
    }

    private final ServiceRecords services;
    private final AggregateRecords aggregates;
    private final HostInstances instances;
    private final ServiceLiveness liveness;
    private final SchedulerNotifier scheduler;

    public ServiceAdmin(ServiceRecords services, AggregateRecords aggregates, HostInstances instances,
            ServiceLiveness liveness, SchedulerNotifier scheduler) {
        this.services = services;
        this.aggregates = aggregates;
        this.instances = instances;
        this.liveness = liveness;
        this.scheduler = scheduler;
    }

    /** Old-style updates name the service by host and binary; only compute services can be changed. */
    @Transactional
    public ServiceRow updateByHost(String host, String binary, Change change) {
        requireCompute(binary);
        ServiceRow service = services.byHostAndBinary(host, binary).orElseThrow(() -> ApiException.notFound(
                "Could not find binary " + binary + " on host " + host + "."));
        return apply(service, change);
    }

    @Transactional
    public ServiceRow update(ServiceRow service, Change change) {
        requireCompute(service.binary());
        return apply(service, change);
    }

    private ServiceRow apply(ServiceRow service, Change change) {
        services.lock("service", service.uuid());
        boolean disabled = change.disabled() != null ? change.disabled() : service.disabled();
        // Enabling clears the reason; disabling without one keeps none.
        String reason = change.disabled() == null ? service.disabledReason()
                : disabled ? change.disabledReason() : null;
        boolean forcedDown = change.forcedDown() != null ? change.forcedDown() : service.forcedDown();
        services.updateStatus(service.id(), disabled, reason, forcedDown, liveness.now());
        ServiceRow updated = services.byId(service.id()).orElseThrow();
        scheduler.serviceChanged(updated, false);
        return updated;
    }

    /**
     * Deletes a service record. A compute service that still hosts instances is refused; its host leaves
     * every aggregate, as in Nova. A node that keeps sending heartbeats registers again.
     */
    @Transactional
    public void delete(ServiceRow service) {
        services.lock("service", service.uuid());
        if (service.isCompute()) {
            if (instances.countOnHost(service.host()) > 0) {
                throw ApiException.conflict("Unable to delete compute service that is hosting instances. "
                        + "Migrate or delete the instances first.");
            }
        }
        services.delete(service.id());
        scheduler.serviceChanged(service, true);
        if (service.isCompute() && !services.computeHostExists(service.host())) {
            List<Integer> left = aggregates.removeHostEverywhere(service.host());
            if (!left.isEmpty()) {
                scheduler.hostsChanged(List.of(service.host()));
            }
        }
    }

    private static void requireCompute(String binary) {
        if (!"nova-compute".equals(binary)) {
            throw ApiException.badRequest("Updating a " + binary + " service is not supported. Only nova-compute "
                    + "services can be updated.");
        }
    }
}
