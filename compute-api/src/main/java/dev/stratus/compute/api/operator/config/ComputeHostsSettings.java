package dev.stratus.compute.api.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The operator API's configuration, {@code stratus.compute-hosts.*}: liveness of services and zones. */
@ConfigMapping(prefix = "stratus.compute-hosts")
public interface ComputeHostsSettings {

    /** A service is down when its last report is older than this (Nova's {@code service_down_time}). */
    @WithDefault("60s")
    Duration serviceDownTime();

    /** Zone of compute hosts that belong to no aggregate with an availability zone. */
    @WithDefault("nova")
    String defaultAvailabilityZone();

    /** Zone shown for control-plane services (never offered to tenants). */
    @WithDefault("internal")
    String internalAvailabilityZone();

    /** This process's own entry in os-services: the conductor role it plays for compute nodes. */
    ControlPlane controlPlane();

    /** The instance usage audit that os-instance_usage_audit_log reports on (Nova's instance_usage_audit). */
    UsageAudit usageAudit();

    interface UsageAudit {

        /** Audit each compute host once per period (off by default, as in Nova). */
        @WithDefault("false")
        boolean enabled();

        /** hour, day, month or year, with an optional {@code @offset} (Nova's instance_usage_audit_period). */
        @WithDefault("month")
        String period();

        /** How often the auditor looks for a completed period that a host has not been audited for. */
        @WithDefault("60s")
        Duration checkInterval();
    }

    interface ControlPlane {

        /** Record this process as a service and refresh it periodically. */
        @WithDefault("true")
        boolean report();

        @WithDefault("nova-conductor")
        String binary();

        /** Host name shown for this process; the machine's host name when absent. */
        Optional<String> host();

        @WithDefault("10s")
        Duration reportInterval();
    }
}
