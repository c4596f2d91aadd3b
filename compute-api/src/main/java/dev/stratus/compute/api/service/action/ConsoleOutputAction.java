package dev.stratus.compute.api.service.action;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.ConsoleOutput;
import dev.stratus.common.compute.ConsoleOutputRequest;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.messaging.RemoteCallException;
import dev.stratus.common.messaging.RpcTimeoutException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code os-getConsoleOutput}: a call to the instance's host; 409 when it has none or is not running. */
@ApplicationScoped
class ConsoleOutputAction implements ServerActionHandler {

    private static final Set<String> READY = Set.of("active", "paused", "suspended", "stopped", "error", "rescued");

    private final ServerLookup lookup;
    private final ComputeCasts casts;
    private final Policy policy;
    private final ComputeSettings settings;

    ConsoleOutputAction(ServerLookup lookup, ComputeCasts casts, Policy policy, ComputeSettings settings) {
        this.lookup = lookup;
        this.casts = casts;
        this.policy = policy;
        this.settings = settings;
    }

    @Override
    public Set<String> keys() {
        return Set.of("os-getConsoleOutput");
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        InstanceRow row = lookup.visible(caller, serverId);
        policy.enforce("os_compute_api:os-console-output", ComputeRules.memberOf(row.projectId()));
        Integer lines = null;
        if (args != null && args.has("length") && !args.get("length").isNull()) {
            JsonNode l = args.get("length");
            if (l.isIntegralNumber() || (l.isTextual() && l.asText().matches("-?\\d+"))) {
                lines = Integer.parseInt(l.asText());
            } else {
                throw ApiException.badRequest("Invalid input for field/attribute length. Value: " + l.asText()
                        + ". '" + l.asText() + "' is not of type 'integer', 'string'");
            }
            if (lines < -1) {
                throw ApiException.badRequest("Invalid input for field/attribute length. Value: " + lines
                        + ". " + lines + " is less than the minimum of -1");
            }
            if (lines == -1) {
                lines = null;
            }
        }
        if (row.host() == null || !READY.contains(row.vmState())) {
            throw ApiException.conflict("Instance " + serverId + " is not ready; its console is not available yet.");
        }
        try {
            ConsoleOutput output = casts.consoleOutput(row.host(), new ConsoleOutputRequest(serverId, lines),
                    settings.consoleTimeout()).get(settings.consoleTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            return Outcome.ok(Map.of("output", tail(output.output() == null ? "" : output.output(), lines)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while reading the console.");
        } catch (TimeoutException e) {
            throw ApiException.conflict("The compute host of instance " + serverId + " did not answer in time.");
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RpcTimeoutException) {
                throw ApiException.conflict("The compute host of instance " + serverId + " did not answer in time.");
            }
            if (cause instanceof RemoteCallException) {
                throw ApiException.notFound("Guest does not have a console available.");
            }
            throw ApiException.unavailable("The console of instance " + serverId + " could not be read.");
        }
    }

    /**
     * Nova's tail of a console log: the last {@code length} pieces between newlines, so a log ending in a
     * newline gives {@code length - 1} lines and an empty last piece. The node tails too (to send less); this
     * makes the count exact whatever its driver's convention.
     */
    static String tail(String log, Integer length) {
        if (length == null) {
            return log;
        }
        if (length == 0) {
            return "";
        }
        String[] pieces = log.split("\n", -1);
        int from = Math.max(0, pieces.length - length);
        return String.join("\n", java.util.Arrays.asList(pieces).subList(from, pieces.length));
    }
}
