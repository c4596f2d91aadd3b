package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.GuestConsoleEndpoint.Outcome;
import dev.stratus.common.compute.SerialConsoleRequest;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.RpcHandler;
import dev.stratus.compute.node.virt.SerialConsoleSettings;
import dev.stratus.compute.node.virt.VirtDriver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code get_serial_console} (a call, as in Nova): where the TCP end of the guest's first serial port listens, as
 * the serial console proxy reaches it. With serial consoles turned off on this host the console is unavailable, as
 * Nova's compute manager answers; the driver tells the rest. Nothing changes on the host, so no lock is taken.
 */
public class SerialConsoleHandler implements RpcHandler<SerialConsoleRequest, GuestConsoleEndpoint> {

    private final VirtDriver driver;
    private final SerialConsoleSettings serial;

    public SerialConsoleHandler(VirtDriver driver, SerialConsoleSettings serial) {
        this.driver = driver;
        this.serial = serial;
    }

    @Override
    public CompletionStage<GuestConsoleEndpoint> handle(SerialConsoleRequest request, MessageContext context) {
        return CompletableFuture.completedFuture(locate(request.instanceId()));
    }

    GuestConsoleEndpoint locate(String instanceId) {
        if (!serial.enabled()) {
            return GuestConsoleEndpoint.refused(Outcome.UNAVAILABLE, "Serial consoles are turned off on this host");
        }
        return ConsoleAnswers.answer(instanceId, () -> driver.serialConsole(instanceId));
    }
}
