package dev.stratus.compute.node.network.linux;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.compute.node.network.CommandRunner;
import dev.stratus.compute.node.network.HostNetworkingException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The named network namespaces of the node's DHCP servers and routers. Their names are global on the
 * machine, so a node confined to a namespace of its own ({@code hostNamespace}) prefixes them with that
 * namespace's name and never sees another node's.
 */
public final class Namespaces {

    private final HostShell shell;
    private final String scope;

    public Namespaces(HostShell shell) {
        this.shell = shell;
        this.scope = shell.hostNamespace() == null ? "" : shell.hostNamespace() + "-";
    }

    /** The prefix of the node's namespaces of one kind ({@code sdhcp-}, {@code srouter-}). */
    public String prefix(String kind) {
        return scope + kind;
    }

    public String name(String kind, String id) {
        return prefix(kind) + id;
    }

    /** The ids of the node's namespaces of one kind. */
    public Set<String> ids(String kind) throws HostNetworkingException {
        String prefix = prefix(kind);
        Set<String> ids = new TreeSet<>();
        for (String name : names()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                ids.add(name.substring(prefix.length()));
            }
        }
        return ids;
    }

    public Set<String> names() throws HostNetworkingException {
        CommandRunner.Result listed = shell.tryPlain("ip", "-json", "netns", "list");
        if (!listed.ok()) {
            throw new HostNetworkingException("cannot list network namespaces: " + listed.output());
        }
        Set<String> names = new TreeSet<>();
        for (JsonNode namespace : HostShell.parse(listed.output(), "ip netns list")) {
            names.add(namespace.path("name").asText());
        }
        return names;
    }

    /** Creates the namespace with its loopback up, unless it exists. */
    public void ensure(String name) throws HostNetworkingException {
        if (names().contains(name)) {
            return;
        }
        CommandRunner.Result added = shell.tryPlain("ip", "netns", "add", name);
        if (!added.ok() && !names().contains(name)) {
            throw new HostNetworkingException("cannot create namespace " + name + ": " + added.output());
        }
        shell.ip(name, "link", "set", "dev", "lo", "up");
        // Removing an interface's first address must not take the others of its subnet with it.
        shell.in(name, "sysctl", "-q", "-w", "net.ipv4.conf.all.promote_secondaries=1",
                "net.ipv4.conf.default.promote_secondaries=1");
    }

    public void delete(String name) throws HostNetworkingException {
        CommandRunner.Result deleted = shell.tryPlain("ip", "netns", "delete", name);
        if (!deleted.ok() && names().contains(name)) {
            throw new HostNetworkingException("cannot delete namespace " + name + ": " + deleted.output());
        }
    }
}
