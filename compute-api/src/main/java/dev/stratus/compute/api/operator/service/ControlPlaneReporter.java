package dev.stratus.compute.api.operator.service;

import dev.stratus.common.concurrent.DaemonThreads;
import dev.stratus.compute.api.operator.config.ComputeHostsSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This process's own row in os-services. compute-api plays Nova's conductor role (it applies the state
 * reports of compute nodes), so it reports itself as that service, every {@code report-interval}, from
 * this process: when it stops, its row goes down like any other.
 */
@ApplicationScoped
public class ControlPlaneReporter {

    private static final Logger LOG = Logger.getLogger(ControlPlaneReporter.class);

    private final ServiceReports reports;
    private final ServiceLiveness liveness;
    private final ComputeHostsSettings.ControlPlane settings;
    private final String version;
    private ScheduledExecutorService timer;
    private Instant startedAt;

    public ControlPlaneReporter(ServiceReports reports, ServiceLiveness liveness, ComputeHostsSettings settings,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0") String version) {
        this.reports = reports;
        this.liveness = liveness;
        this.settings = settings.controlPlane();
        this.version = version;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.report()) {
            return;
        }
        startedAt = liveness.now();
        timer = DaemonThreads.timer("stratus-control-plane-report");
        long interval = Math.max(1, settings.reportInterval().toMillis());
        timer.scheduleWithFixedDelay(this::report, 0, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    public String host() {
        return settings.host().orElseGet(ControlPlaneReporter::machineHostName);
    }

    private void report() {
        try {
            reports.recordControlPlane(host(), settings.binary(), version, startedAt, liveness.now(),
                    (int) Math.max(1, settings.reportInterval().toSeconds()));
        } catch (RuntimeException e) {
            // The database may be briefly unreachable; the next report tries again.
            LOG.warnf("could not record this service's report: %s", e.getMessage());
        }
    }

    private static String machineHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
