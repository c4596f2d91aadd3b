package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.DiagnosticsRequest;
import dev.stratus.common.compute.DiagnosticsResult;
import dev.stratus.common.compute.DiagnosticsResult.Outcome;
import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.RpcHandler;
import dev.stratus.compute.node.virt.DiagnosticsNotSupported;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * {@code get_instance_diagnostics} (a call, as in Nova): a guest the hypervisor sees running is measured by the
 * driver, and its uptime counted from the server's launch; any other (stopped, paused, unknown here) is refused
 * with its power state, as Nova's compute manager refuses it. Nothing changes on the host, so no lock is taken:
 * a long power-off of the same guest does not hold the answer back.
 */
public class DiagnosticsHandler implements RpcHandler<DiagnosticsRequest, DiagnosticsResult> {

    private static final Logger LOG = Logger.getLogger(DiagnosticsHandler.class);

    private final VirtDriver driver;
    private final Clock clock;

    public DiagnosticsHandler(VirtDriver driver, Clock clock) {
        this.driver = driver;
        this.clock = clock;
    }

    @Override
    public CompletionStage<DiagnosticsResult> handle(DiagnosticsRequest request, MessageContext context) {
        return CompletableFuture.completedFuture(diagnose(request));
    }

    DiagnosticsResult diagnose(DiagnosticsRequest request) {
        String id = request.instanceId();
        PowerState state = driver.powerState(id);
        if (state != PowerState.RUNNING) {
            return new DiagnosticsResult(Outcome.NOT_RUNNING, "instance " + id + " is " + state.novaName(),
                    state.novaName(), null);
        }
        try {
            GuestDiagnostics figures = driver.diagnostics(id);
            return DiagnosticsResult.reported(figures.withUptime(uptime(request)));
        } catch (DiagnosticsNotSupported e) {
            return new DiagnosticsResult(Outcome.NOT_SUPPORTED, e.getMessage(), state.novaName(), null);
        } catch (VirtException e) {
            LOG.infof("Diagnostics of %s not read: %s", id, e.getMessage());
            return new DiagnosticsResult(Outcome.FAILED, e.getMessage(), state.novaName(), null);
        }
    }

    /** Whole seconds since the launch, as Nova's libvirt driver counts them; none before a launch. */
    private Long uptime(DiagnosticsRequest request) {
        if (request.launchedAt() == null) {
            return null;
        }
        return Math.max(0, Duration.between(request.launchedAt(), clock.instant()).toSeconds());
    }
}
