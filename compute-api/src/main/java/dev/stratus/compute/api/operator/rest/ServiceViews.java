package dev.stratus.compute.api.operator.rest;

import static dev.stratus.compute.api.view.ComputeVersions.OPERATOR_INTEGER_IDS;
import static dev.stratus.compute.api.view.ComputeVersions.OPERATOR_UUID_IDS;
import static dev.stratus.compute.api.view.ComputeVersions.SERVICE_FORCED_DOWN;

import dev.stratus.compute.api.operator.persistence.ServiceRow;
import dev.stratus.compute.api.operator.service.AvailabilityZones.ZonedService;
import dev.stratus.compute.api.view.Times;
import dev.stratus.compute.api.view.VersionedFields;

/** The bodies of os-services, per microversion. */
final class ServiceViews {

    /** A service in the list, and (from 2.53) the answer to an update. */
    static final VersionedFields<ZonedService, Void> SERVICE = new VersionedFields<ZonedService, Void>()
            .in(OPERATOR_INTEGER_IDS, "id", (s, c) -> s.service().id())
            .in(OPERATOR_UUID_IDS, "id", (s, c) -> s.service().uuid())
            .always("binary", (s, c) -> s.service().binary())
            .always("host", (s, c) -> s.service().host())
            .always("zone", (s, c) -> s.zone())
            .always("status", (s, c) -> status(s.service()))
            .always("state", (s, c) -> s.up() ? "up" : "down")
            .always("updated_at", (s, c) -> Times.micros(s.service().updatedAt()))
            .always("disabled_reason", (s, c) -> s.service().disabledReason())
            .in(SERVICE_FORCED_DOWN, "forced_down", (s, c) -> s.service().forcedDown());

    /** {@code PUT /os-services/enable} and {@code /disable} (before 2.53). */
    static final VersionedFields<ServiceRow, Void> STATUS_CHANGE = new VersionedFields<ServiceRow, Void>()
            .always("host", (s, c) -> s.host())
            .always("binary", (s, c) -> s.binary())
            .always("status", (s, c) -> status(s));

    /** {@code PUT /os-services/disable-log-reason} (before 2.53). */
    static final VersionedFields<ServiceRow, Void> DISABLE_WITH_REASON = new VersionedFields<ServiceRow, Void>()
            .including(STATUS_CHANGE)
            .always("disabled_reason", (s, c) -> s.disabledReason());

    /** {@code PUT /os-services/force-down} (2.11 to 2.52). */
    static final VersionedFields<ServiceRow, Void> FORCED_DOWN_CHANGE = new VersionedFields<ServiceRow, Void>()
            .always("host", (s, c) -> s.host())
            .always("binary", (s, c) -> s.binary())
            .always("forced_down", (s, c) -> s.forcedDown());

    private ServiceViews() {
    }

    static String status(ServiceRow service) {
        return service.disabled() ? "disabled" : "enabled";
    }
}
