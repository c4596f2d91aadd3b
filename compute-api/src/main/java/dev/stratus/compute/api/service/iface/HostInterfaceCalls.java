package dev.stratus.compute.api.service.iface;

import dev.stratus.common.compute.AttachInterface;
import dev.stratus.common.compute.DetachInterface;
import dev.stratus.common.compute.InterfaceResult;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.messaging.RpcTimeoutException;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.messaging.ComputeCasts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The calls to a server's host that plug and unplug a NIC, waited for (Nova's {@code attach_interface} is a call);
 * a host that does not answer in time is a 409 ("may have happened"), one that cannot be reached a 503.
 */
@ApplicationScoped
public class HostInterfaceCalls {

    private final ComputeCasts casts;
    private final ComputeSettings settings;

    public HostInterfaceCalls(ComputeCasts casts, ComputeSettings settings) {
        this.casts = casts;
        this.settings = settings;
    }

    public InterfaceResult attach(String host, AttachInterface request) {
        Duration timeout = settings.interfaceTimeout();
        return await(casts.attachInterface(host, request, timeout), timeout, request.instanceId());
    }

    public InterfaceResult detach(String host, DetachInterface request) {
        Duration timeout = settings.interfaceTimeout();
        return await(casts.detachInterface(host, request, timeout), timeout, request.instanceId());
    }

    private static InterfaceResult await(CompletableFuture<InterfaceResult> answer, Duration timeout, String uuid) {
        try {
            return answer.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while waiting for the compute host of instance " + uuid + ".");
        } catch (TimeoutException | ExecutionException | CompletionException e) {
            if (e instanceof TimeoutException || e.getCause() instanceof RpcTimeoutException) {
                throw ApiException.conflict("The compute host of instance " + uuid + " did not answer in time;"
                        + " the interface may or may not be changed.");
            }
            throw ApiException.unavailable("The compute host of instance " + uuid + " could not be reached.");
        }
    }
}
