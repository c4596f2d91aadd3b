package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.DetachInterface;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InterfaceResult;
import dev.stratus.common.compute.InterfaceResult.Outcome;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.RpcHandler;
import dev.stratus.compute.node.build.GuestPreparation;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.instance.TrackedInstance;
import dev.stratus.compute.node.report.ActionEvents;
import dev.stratus.compute.node.report.StateReport;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.virt.InterfaceNotSupported;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * {@code detach_interface}: the driver unplugs the NIC of the port (found by its MAC among the instance's NICs),
 * the instance forgets it and the host looks at its plumbing again; the action's event is reported either way. A
 * port the instance does not have here is already detached. Unbinding or deleting the port is compute-api's part.
 */
public class DetachInterfaceHandler implements RpcHandler<DetachInterface, InterfaceResult> {

    private static final Logger LOG = Logger.getLogger(DetachInterfaceHandler.class);

    private final VirtDriver driver;
    private final InstanceRegistry registry;
    private final GuestPreparation preparation;
    private final StateReporter reporter;

    public DetachInterfaceHandler(VirtDriver driver, InstanceRegistry registry, GuestPreparation preparation,
            StateReporter reporter) {
        this.driver = driver;
        this.registry = registry;
        this.preparation = preparation;
        this.reporter = reporter;
    }

    @Override
    public CompletionStage<InterfaceResult> handle(DetachInterface request, MessageContext context) throws Exception {
        return CompletableFuture.completedFuture(registry.withLock(request.instanceId(), () -> detach(request)));
    }

    private InterfaceResult detach(DetachInterface request) throws Exception {
        String id = request.instanceId();
        Instant start = reporter.now();
        InterfaceResult result = unplug(request);
        boolean done = result.outcome() == Outcome.DONE;
        if (!done) {
            LOG.infof("Interface %s not detached from %s on %s: %s", request.portId(), id, reporter.host(),
                    result.message());
        }
        reporter.send(StateReport.of(id).event(reporter.finished(ActionEvents.DETACH_INTERFACE,
                request.actionRequestId(), start, done ? ActionEvents.SUCCESS : ActionEvents.ERROR,
                done ? null : result.message())));
        return result;
    }

    private InterfaceResult unplug(DetachInterface request) {
        String id = request.instanceId();
        TrackedInstance tracked = registry.get(id).orElse(null);
        if (tracked == null) {
            return new InterfaceResult(Outcome.FAILED, "instance " + id + " is not on host " + reporter.host());
        }
        InstanceBuild build = tracked.build();
        Optional<NetworkRequest> nic = build.networks().stream().filter(n -> request.portId().equals(n.portId()))
                .findFirst();
        if (nic.isEmpty()) {
            return InterfaceResult.done();
        }
        try {
            if (nic.get().macAddress() != null) {
                driver.detachInterface(id, nic.get().macAddress().toLowerCase());
            }
        } catch (InterfaceNotSupported e) {
            return new InterfaceResult(Outcome.NOT_SUPPORTED, e.getMessage());
        } catch (VirtException e) {
            return new InterfaceResult(Outcome.FAILED, e.getMessage());
        }
        List<NetworkRequest> rest = build.networks().stream().filter(n -> n != nic.get()).toList();
        registry.put(new TrackedInstance(build.withNetworks(rest), tracked.vmState(), tracked.powerState(),
                tracked.launchedAt()));
        preparation.nicsChanged();
        return InterfaceResult.done();
    }
}
