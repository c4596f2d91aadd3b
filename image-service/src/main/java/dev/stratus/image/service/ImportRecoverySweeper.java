package dev.stratus.image.service;

import dev.stratus.common.concurrent.DaemonThreads;
import dev.stratus.image.config.ImageSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs {@link ImportRecovery}'s sweep on one background thread: at start-up (imports a previous process left
 * behind), then every {@code stratus.image.import.recovery-interval}.
 */
@ApplicationScoped
public class ImportRecoverySweeper {

    private static final Logger LOG = Logger.getLogger(ImportRecoverySweeper.class);

    private final ImportRecovery recovery;
    private final ImageSettings settings;
    private ScheduledExecutorService worker;

    public ImportRecoverySweeper(ImportRecovery recovery, ImageSettings settings) {
        this.recovery = recovery;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        ImageSettings.Import imports = settings.imports();
        if (imports.timeout().compareTo(imports.heartbeatInterval().multipliedBy(2)) < 0) {
            LOG.warnf("stratus.image.import.timeout (%s) is less than two heartbeats (%s): live imports may be taken"
                    + " for interrupted ones", imports.timeout(), imports.heartbeatInterval());
        }
        worker = DaemonThreads.timer("image-import-recovery");
        long every = Math.max(1, imports.recoveryInterval().toMillis());
        worker.scheduleWithFixedDelay(this::sweep, 0, every, TimeUnit.MILLISECONDS);
        LOG.infof("Imports beat every %s; those silent for %s are ended as interrupted (checked every %s)",
                imports.heartbeatInterval(), imports.timeout(), imports.recoveryInterval());
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    private void sweep() {
        try {
            int recovered = recovery.sweep();
            if (recovered > 0) {
                LOG.infof("Ended %d interrupted import task(s)", recovered);
            }
        } catch (RuntimeException e) {
            LOG.warnf("The sweep of interrupted imports failed: %s", e.toString());
        }
    }
}
