package dev.stratus.compute.node.network.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.compute.node.network.CommandRunner;
import dev.stratus.compute.node.network.HostNetworkingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the plumbing's commands where they belong: on the host (the root namespace, or the network namespace
 * the node's plumbing is confined to) or inside one of the node's DHCP and router namespaces.
 */
public final class HostShell {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandRunner runner;
    private final String hostNamespace;

    /** @param hostNamespace the namespace the node's bridges and rules live in; null for the root namespace */
    public HostShell(CommandRunner runner, String hostNamespace) {
        this.runner = runner;
        this.hostNamespace = hostNamespace;
    }

    public String hostNamespace() {
        return hostNamespace;
    }

    /** Runs a command on the host; fails unless it exits 0. */
    public String onHost(String... command) throws HostNetworkingException {
        return checked(tryIn(null, null, command), null, command);
    }

    public String onHostWithInput(String input, String... command) throws HostNetworkingException {
        return checked(tryIn(null, input, command), null, command);
    }

    /** Runs a command inside {@code namespace} (null: on the host); fails unless it exits 0. */
    public String in(String namespace, String... command) throws HostNetworkingException {
        return checked(tryIn(namespace, null, command), namespace, command);
    }

    public String inWithInput(String namespace, String input, String... command) throws HostNetworkingException {
        return checked(tryIn(namespace, input, command), namespace, command);
    }

    /** Runs a command inside {@code namespace} (null: on the host) and returns how it ended. */
    public CommandRunner.Result tryIn(String namespace, String input, String... command)
            throws HostNetworkingException {
        String where = namespace != null ? namespace : hostNamespace;
        List<String> full = new ArrayList<>();
        if (where != null) {
            full.addAll(List.of("ip", "netns", "exec", where));
        }
        full.addAll(List.of(command));
        return runner.run(full, input);
    }

    /** {@code ip <args>} in {@code namespace} (null: on the host), through {@code ip -n} where needed. */
    public CommandRunner.Result tryIp(String namespace, String... args) throws HostNetworkingException {
        String where = namespace != null ? namespace : hostNamespace;
        List<String> full = new ArrayList<>();
        full.add("ip");
        if (where != null) {
            full.addAll(List.of("-n", where));
        }
        full.addAll(List.of(args));
        return runner.run(full, null);
    }

    public String ip(String namespace, String... args) throws HostNetworkingException {
        CommandRunner.Result result = tryIp(namespace, args);
        if (!result.ok()) {
            throw new HostNetworkingException("ip " + String.join(" ", args)
                    + (namespace != null ? " in " + namespace : "") + " failed: " + result.output());
        }
        return result.output();
    }

    /** {@code ip -json <args>}, parsed; an empty answer is an empty array. */
    public JsonNode ipJson(String namespace, String... args) throws HostNetworkingException {
        String[] json = new String[args.length + 1];
        json[0] = "-json";
        System.arraycopy(args, 0, json, 1, args.length);
        return parse(ip(namespace, json), "ip " + String.join(" ", args));
    }

    /** Runs a command that is not namespaced (namespace management) as it is. */
    public CommandRunner.Result tryPlain(String... command) throws HostNetworkingException {
        return runner.run(List.of(command), null);
    }

    static JsonNode parse(String text, String what) throws HostNetworkingException {
        if (text == null || text.isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new HostNetworkingException("cannot read the answer of " + what + ": " + e.getMessage(), e);
        }
    }

    private static String checked(CommandRunner.Result result, String namespace, String... command)
            throws HostNetworkingException {
        if (!result.ok()) {
            throw new HostNetworkingException(String.join(" ", command) + (namespace != null ? " in " + namespace : "")
                    + " failed: " + (result.output().isBlank() ? "exit code " + result.exitCode() : result.output()));
        }
        return result.output();
    }
}
