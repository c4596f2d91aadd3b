package dev.stratus.compute.api.service.console;

import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.SerialConsoleRequest;
import dev.stratus.common.compute.VncConsoleRequest;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.messaging.RpcTimeoutException;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.config.ConsoleSettings;
import dev.stratus.compute.api.config.SerialConsoleSettings;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A console URL for a server, as Nova's compute API and compute manager make one: the server must have a host and
 * no delete or live migration under way (409), the console must be one this cloud has (noVNC, and serial where the
 * host has serial consoles on; SPICE and MKS consoles are off, as in a Nova whose {@code [spice]} and {@code [mks]}
 * are not enabled: 400), then the host says where the guest's VNC server or serial port is and a token for it goes
 * into the URL.
 */
@ApplicationScoped
public class RemoteConsoles {

    public static final String NOVNC = "novnc";

    public static final String SERIAL = "serial";

    private static final Set<String> BUSY_TASKS = Set.of("deleting", "migrating");

    private final ComputeCasts casts;
    private final ConsoleTokens tokens;
    private final ComputeSettings compute;
    private final ConsoleSettings settings;
    private final SerialConsoleSettings serial;

    public RemoteConsoles(ComputeCasts casts, ConsoleTokens tokens, ComputeSettings compute, ConsoleSettings settings,
            SerialConsoleSettings serial) {
        this.casts = casts;
        this.tokens = tokens;
        this.compute = compute;
        this.settings = settings;
        this.serial = serial;
    }

    /**
     * @param protocol {@code vnc}, {@code spice}, {@code serial} or {@code mks}, checked by the caller's schema
     * @param action Nova's name of the call in a 409 for a busy server ({@code get_vnc_console}, ...)
     */
    public String url(InstanceRow row, String protocol, String consoleType, String action) {
        if (row.host() == null) {
            throw ApiException.conflict("Instance " + row.uuid() + " is not ready");
        }
        if (row.taskState() != null && BUSY_TASKS.contains(row.taskState())) {
            throw ApiException.conflict("Cannot '" + action + "' instance " + row.uuid()
                    + " while it is in task_state " + row.taskState());
        }
        boolean vnc = "vnc".equals(protocol);
        if (!vnc && !SERIAL.equals(protocol)) {
            throw ApiException.badRequest("Unavailable console type " + consoleType + ".");
        }
        if (!(vnc ? NOVNC : SERIAL).equals(consoleType)) {
            throw ApiException.badRequest("Invalid console type " + consoleType);
        }
        GuestConsoleEndpoint endpoint = locate(row, vnc);
        String base = vnc ? settings.novncproxyBaseUrl() : serial.baseUrl();
        return switch (endpoint.outcome()) {
            case READY -> {
                String token = tokens.authorize(row.uuid(), consoleType, endpoint.host(), endpoint.port(), base);
                yield vnc ? noVncUrl(base, token) : serialUrl(base, token);
            }
            case NOT_READY -> throw ApiException.conflict("Instance " + row.uuid() + " is not ready");
            case NOT_FOUND -> throw "building".equals(row.vmState())
                    ? ApiException.conflict("Instance " + row.uuid() + " is not ready")
                    : ApiException.notFound("Instance " + row.uuid() + " could not be found.");
            case UNAVAILABLE -> throw ApiException.badRequest("Unavailable console type " + consoleType + ".");
            case NOT_SUPPORTED -> throw ApiException.notImplemented("The requested functionality is not supported.");
            case FAILED -> throw new ApiException(500, "The console of instance " + row.uuid()
                    + " could not be found: " + endpoint.message());
        };
    }

    /** Nova's noVNC access URL: the token rides in noVNC's {@code path} parameter, which noVNC opens as websocket. */
    private static String noVncUrl(String base, String token) {
        return base + (base.contains("?") ? "&" : "?") + "path="
                + URLEncoder.encode("?token=" + token, StandardCharsets.UTF_8);
    }

    /** Nova's serial access URL: the proxy's websocket URL with the token as its query. */
    private static String serialUrl(String base, String token) {
        return base + (base.contains("?") ? "&" : "?") + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private GuestConsoleEndpoint locate(InstanceRow row, boolean vnc) {
        try {
            var answer = vnc ? casts.vncConsole(row.host(), new VncConsoleRequest(row.uuid()), compute.consoleTimeout())
                    : casts.serialConsole(row.host(), new SerialConsoleRequest(row.uuid()), compute.consoleTimeout());
            return answer.get(compute.consoleTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("Interrupted while asking for the console.");
        } catch (TimeoutException | ExecutionException | CompletionException e) {
            if (e instanceof TimeoutException || e.getCause() instanceof RpcTimeoutException) {
                throw ApiException.conflict("The compute host of instance " + row.uuid() + " did not answer in time.");
            }
            throw ApiException.unavailable("The compute host of instance " + row.uuid() + " could not be reached.");
        }
    }
}
