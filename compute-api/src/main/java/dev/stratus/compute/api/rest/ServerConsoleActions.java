package dev.stratus.compute.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.ServerLookup;
import dev.stratus.compute.api.service.action.ServerActionHandler;
import dev.stratus.compute.api.service.console.RemoteConsoles;
import dev.stratus.compute.api.view.ComputeVersions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console actions of microversions 2.1 to 2.5 ({@code remote-consoles} from 2.6, where they are a 404):
 * {@code os-getVNCConsole} ({@code novnc}; {@code xvpvnc} is refused, as it is by every Nova driver today),
 * {@code os-getSPICEConsole} and {@code os-getSerialConsole} (consoles this cloud does not have: 400 once the
 * server is found ready), and {@code os-getRDPConsole} (a bare 400, as Nova since RDP was removed). 200 with
 * {@code {"console": {"type", "url"}}}.
 */
@ApplicationScoped
class ServerConsoleActions implements ServerActionHandler {

    private record Console(String protocol, String action, List<String> types) {
    }

    private static final Map<String, Console> CONSOLES = Map.of(
            "os-getVNCConsole", new Console("vnc", "get_vnc_console", List.of("novnc", "xvpvnc")),
            "os-getSPICEConsole", new Console("spice", "get_spice_console", List.of("spice-html5")),
            "os-getSerialConsole", new Console("serial", "get_serial_console", List.of("serial")));

    private final ServerLookup lookup;
    private final Policy policy;
    private final RemoteConsoles consoles;

    ServerConsoleActions(ServerLookup lookup, Policy policy, RemoteConsoles consoles) {
        this.lookup = lookup;
        this.policy = policy;
        this.consoles = consoles;
    }

    @Override
    public Set<String> keys() {
        return Set.of("os-getVNCConsole", "os-getSPICEConsole", "os-getSerialConsole", "os-getRDPConsole");
    }

    @Override
    public Outcome handle(String key, AuthContext caller, String serverId, JsonNode args, ApiVersion version,
            String requestId) {
        ComputeVersions.requireRoute(version, ComputeVersions.CONSOLE_ACTIONS);
        Console console = CONSOLES.get(key);
        if (console == null) {
            throw ApiException.badRequest("The server could not comply with the request since it is either malformed"
                    + " or otherwise incapable of performing it.");
        }
        String type = ConsoleBodies.actionType(key, args, console.types());
        policy.enforce("os_compute_api:os-remote-consoles", ComputeRules.member());
        InstanceRow row = lookup.visible(caller, serverId);
        String url = consoles.url(row, console.protocol(), type, console.action());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("url", url);
        return Outcome.ok(Map.of("console", body));
    }
}
