package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.DiagnosticsRequest;
import dev.stratus.common.compute.DiagnosticsResult;
import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.messaging.RpcTimeoutException;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server's diagnostics, as Nova's {@code get_instance_diagnostics}: admin only by default
 * ({@code os_compute_api:os-server-diagnostics}); a server without a host (building, shelved offloaded) is not
 * ready (409), else its host is called, within the console's timeout, and refuses a guest that is not running
 * (409 naming its power state) or says that its driver cannot tell (501). Nothing is recorded: it only reads.
 */
@ApplicationScoped
public class DiagnosticsReader {

    private final ServerLookup lookup;
    private final ComputeCasts casts;
    private final Policy policy;
    private final ComputeSettings settings;

    public DiagnosticsReader(ServerLookup lookup, ComputeCasts casts, Policy policy, ComputeSettings settings) {
        this.lookup = lookup;
        this.casts = casts;
        this.policy = policy;
        this.settings = settings;
    }

    public GuestDiagnostics read(AuthContext caller, String uuid) {
        InstanceRow row = lookup.visible(caller, uuid);
        policy.enforce("os_compute_api:os-server-diagnostics", ComputeRules.admin());
        if (row.host() == null) {
            throw ApiException.conflict("Instance " + uuid + " is not ready");
        }
        DiagnosticsResult result = call(row);
        return switch (result.outcome()) {
            case REPORTED -> result.diagnostics();
            case NOT_RUNNING -> throw ApiException.conflict("Cannot 'get_diagnostics' instance " + uuid
                    + " while it is in power state " + result.powerState());
            case NOT_SUPPORTED -> throw ApiException.notImplemented("The requested functionality is not supported.");
            case FAILED -> throw new ApiException(500, "The diagnostics of instance " + uuid + " could not be read: "
                    + result.message());
        };
    }

    private DiagnosticsResult call(InstanceRow row) {
        try {
            return casts.diagnostics(row.host(), new DiagnosticsRequest(row.uuid(), row.launchedAt()),
                    settings.consoleTimeout()).get(settings.consoleTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while reading the diagnostics.");
        } catch (TimeoutException | ExecutionException | CompletionException e) {
            if (e instanceof TimeoutException || e.getCause() instanceof RpcTimeoutException) {
                throw ApiException.conflict("The compute host of instance " + row.uuid() + " did not answer in time.");
            }
            throw ApiException.unavailable("The compute host of instance " + row.uuid() + " could not be reached.");
        }
    }
}
