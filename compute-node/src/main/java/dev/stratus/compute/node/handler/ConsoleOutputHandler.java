package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.ConsoleOutput;
import dev.stratus.common.compute.ConsoleOutputRequest;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.RpcHandler;
import dev.stratus.compute.node.virt.VirtDriver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code get_console_output} (a call): the guest's serial console log. A guest the host does not have
 * fails the call, which compute-api turns into an error for the client.
 */
public class ConsoleOutputHandler implements RpcHandler<ConsoleOutputRequest, ConsoleOutput> {

    private final VirtDriver driver;

    public ConsoleOutputHandler(VirtDriver driver) {
        this.driver = driver;
    }

    @Override
    public CompletionStage<ConsoleOutput> handle(ConsoleOutputRequest request, MessageContext context)
            throws Exception {
        if (request.lines() != null && request.lines() < 0) {
            throw new IllegalArgumentException("lines must not be negative");
        }
        return CompletableFuture.completedFuture(new ConsoleOutput(driver.consoleOutput(request.instanceId(),
                request.lines())));
    }
}
