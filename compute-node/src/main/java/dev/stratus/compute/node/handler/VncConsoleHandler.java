package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.GuestConsoleEndpoint.Outcome;
import dev.stratus.common.compute.VncConsoleRequest;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.RpcHandler;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VncSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code get_vnc_console} (a call, as in Nova): where the guest's VNC server is, as the console proxy reaches it.
 * With VNC turned off on this host the console is unavailable, as Nova's compute manager answers; the driver
 * tells the rest. Nothing changes on the host, so no lock is taken.
 */
public class VncConsoleHandler implements RpcHandler<VncConsoleRequest, GuestConsoleEndpoint> {

    private final VirtDriver driver;
    private final VncSettings vnc;

    public VncConsoleHandler(VirtDriver driver, VncSettings vnc) {
        this.driver = driver;
        this.vnc = vnc;
    }

    @Override
    public CompletionStage<GuestConsoleEndpoint> handle(VncConsoleRequest request, MessageContext context) {
        return CompletableFuture.completedFuture(locate(request.instanceId()));
    }

    GuestConsoleEndpoint locate(String instanceId) {
        if (!vnc.enabled()) {
            return GuestConsoleEndpoint.refused(Outcome.UNAVAILABLE, "VNC consoles are turned off on this host");
        }
        return ConsoleAnswers.answer(instanceId, () -> driver.vncConsole(instanceId));
    }
}
