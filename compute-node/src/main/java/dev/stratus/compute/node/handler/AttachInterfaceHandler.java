package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.AttachInterface;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InterfaceResult;
import dev.stratus.common.compute.InterfaceResult.Outcome;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.RpcHandler;
import dev.stratus.compute.node.build.GuestPreparation;
import dev.stratus.compute.node.build.GuestPreparation.PreparationException;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.instance.TrackedInstance;
import dev.stratus.compute.node.report.ActionEvents;
import dev.stratus.compute.node.report.StateReport;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.virt.GuestSpec.GuestNic;
import dev.stratus.compute.node.virt.InterfaceNotSupported;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * {@code attach_interface} (a call, as in Nova): binds and plumbs the new port on this host as a build does, has
 * the driver hot-plug the NIC, and remembers it with the instance; the answer says whether it is plugged, and the
 * action's event is reported either way. Giving the port back after a failure is compute-api's part.
 */
public class AttachInterfaceHandler implements RpcHandler<AttachInterface, InterfaceResult> {

    private static final Logger LOG = Logger.getLogger(AttachInterfaceHandler.class);

    private final VirtDriver driver;
    private final InstanceRegistry registry;
    private final GuestPreparation preparation;
    private final StateReporter reporter;

    public AttachInterfaceHandler(VirtDriver driver, InstanceRegistry registry, GuestPreparation preparation,
            StateReporter reporter) {
        this.driver = driver;
        this.registry = registry;
        this.preparation = preparation;
        this.reporter = reporter;
    }

    @Override
    public CompletionStage<InterfaceResult> handle(AttachInterface request, MessageContext context) throws Exception {
        return CompletableFuture.completedFuture(registry.withLock(request.instanceId(), () -> attach(request)));
    }

    private InterfaceResult attach(AttachInterface request) throws Exception {
        String id = request.instanceId();
        Instant start = reporter.now();
        InterfaceResult result = plug(request);
        boolean done = result.outcome() == Outcome.DONE;
        if (!done) {
            LOG.infof("Interface not attached to %s on %s: %s", id, reporter.host(), result.message());
        }
        reporter.send(StateReport.of(id).event(reporter.finished(ActionEvents.ATTACH_INTERFACE,
                request.actionRequestId(), start, done ? ActionEvents.SUCCESS : ActionEvents.ERROR,
                done ? null : result.message())));
        return result;
    }

    private InterfaceResult plug(AttachInterface request) {
        String id = request.instanceId();
        TrackedInstance tracked = registry.get(id).orElse(null);
        if (tracked == null) {
            return new InterfaceResult(Outcome.FAILED, "instance " + id + " is not on host " + reporter.host());
        }
        NetworkRequest network = request.network();
        InstanceBuild build = tracked.build();
        if (network.portId() != null && build.networks().stream().anyMatch(n -> network.portId().equals(n.portId()))) {
            return InterfaceResult.done();
        }
        try {
            GuestNic nic = preparation.plugNic(build, network);
            driver.attachInterface(id, nic);
            List<NetworkRequest> networks = new ArrayList<>(build.networks());
            networks.add(new NetworkRequest(network.networkId(), network.networkName(), network.portId(),
                    network.fixedIp(), nic.macAddress(), network.tag()));
            registry.put(new TrackedInstance(build.withNetworks(networks), tracked.vmState(), tracked.powerState(),
                    tracked.launchedAt()));
            if (driver.powerState(id) == PowerState.RUNNING) {
                preparation.nicStarted(nic);
            } else {
                preparation.nicsChanged();
            }
            return InterfaceResult.done();
        } catch (InterfaceNotSupported e) {
            return new InterfaceResult(Outcome.NOT_SUPPORTED, e.getMessage());
        } catch (PreparationException | VirtException e) {
            return new InterfaceResult(Outcome.FAILED, e.getMessage());
        }
    }
}
