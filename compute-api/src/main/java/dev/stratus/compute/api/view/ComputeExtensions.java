package dev.stratus.compute.api.view;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Nova's extension list ({@code GET /v2.1/extensions}): frozen since API 2.1, when extensions gave way to
 * microversions, and kept because clients (the CLI's {@code extension list --compute}, Tempest, Horizon's
 * feature checks) still read it. It names only the API groups this compute service serves, each by the alias
 * and name Nova gave it.
 */
public final class ComputeExtensions {

    /** The date every v2.1 extension carries (the API's freeze). */
    private static final String FROZEN = "2014-12-03T00:00:00Z";
    /** Nova's placeholder namespace; the XML API it pointed at is gone. */
    private static final String NAMESPACE = "http://docs.openstack.org/compute/ext/fake_xml";

    private record Extension(String alias, String name, String description) {
    }

    private static final List<Extension> SERVED = List.of(
            new Extension("os-admin-actions", "AdminActions", "Operator actions on servers: reset state, migrate."),
            new Extension("os-aggregates", "Aggregates", "Host aggregates and their metadata."),
            new Extension("os-attach-interfaces", "AttachInterfaces", "Ports attached to a running server."),
            new Extension("os-availability-zone", "AvailabilityZone", "Availability zones and their hosts."),
            new Extension("os-config-drive", "ConfigDrive", "Config drive metadata for servers."),
            new Extension("os-console-output", "ConsoleOutput", "A server's serial console log."),
            new Extension("os-consoles", "Consoles", "Remote (VNC) consoles of servers."),
            new Extension("os-extended-availability-zone", "ExtendedAvailabilityZone",
                    "The availability zone in server views."),
            new Extension("os-extended-server-attributes", "ExtendedServerAttributes",
                    "Host and instance attributes in server views, for operators."),
            new Extension("os-extended-status", "ExtendedStatus", "Task, VM and power state in server views."),
            new Extension("os-flavor-access", "FlavorAccess", "Projects that may use a private flavor."),
            new Extension("os-flavor-extra-specs", "FlavorExtraSpecs", "A flavor's extra specs."),
            new Extension("os-flavor-manage", "FlavorManage", "Creating and deleting flavors."),
            new Extension("os-floating-ip-pools", "FloatingIpPools", "Floating IP pools (the external networks)."),
            new Extension("os-floating-ips", "FloatingIps", "Floating IPs, proxied to the network service."),
            new Extension("os-hosts", "Hosts", "Compute hosts and the resources they use."),
            new Extension("os-hypervisors", "Hypervisors", "Hypervisors and their servers."),
            new Extension("os-instance-actions", "InstanceActions", "What was done to a server, and its events."),
            new Extension("os-instance-usage-audit-log", "OSInstanceUsageAuditLog",
                    "The periodic usage audit's log."),
            new Extension("os-keypairs", "Keypairs", "SSH key pairs."),
            new Extension("os-lock-server", "LockServer", "Locking servers against changes."),
            new Extension("os-migrate-server", "MigrateServer", "Cold and live migration."),
            new Extension("os-migrations", "Migrations", "Migrations of servers between hosts."),
            new Extension("os-multiple-create", "MultipleCreate", "min_count and max_count on server create."),
            new Extension("os-networks", "Networks", "Networks, proxied to the network service."),
            new Extension("os-pause-server", "PauseServer", "Pausing and unpausing servers."),
            new Extension("os-quota-class-sets", "QuotaClasses", "Default quotas."),
            new Extension("os-quota-sets", "Quotas", "Per-project quotas."),
            new Extension("os-remote-consoles", "RemoteConsoles", "Console URLs for servers."),
            new Extension("os-rescue", "Rescue", "Booting a server from a rescue image."),
            new Extension("os-security-groups", "SecurityGroups",
                    "Security groups, proxied to the network service."),
            new Extension("os-server-diagnostics", "ServerDiagnostics", "A server's hypervisor diagnostics."),
            new Extension("os-server-external-events", "ServerExternalEvents",
                    "Events from other services about servers."),
            new Extension("os-server-groups", "ServerGroups", "Server groups and their placement policies."),
            new Extension("os-server-password", "ServerPassword", "A server's encrypted admin password."),
            new Extension("os-server-tags", "ServerTags", "Tags on servers."),
            new Extension("os-services", "Services", "Compute services: list, enable, disable, force down."),
            new Extension("os-shelve", "Shelve", "Shelving servers to free their hosts."),
            new Extension("os-simple-tenant-usage", "SimpleTenantUsage", "Usage per project over a period."),
            new Extension("os-suspend-server", "SuspendServer", "Suspending and resuming servers."),
            new Extension("os-tenant-networks", "TenantNetworks", "A project's networks, proxied."),
            new Extension("servers", "Servers", "Servers."),
            new Extension("flavors", "Flavors", "Flavors."),
            new Extension("images", "Images", "Images, proxied to the image service."),
            new Extension("limits", "Limits", "Absolute limits of a project."),
            new Extension("versions", "Versions", "API versions."));

    private ComputeExtensions() {
    }

    public static List<Map<String, Object>> all() {
        return SERVED.stream().map(ComputeExtensions::view).toList();
    }

    public static Optional<Map<String, Object>> byAlias(String alias) {
        return SERVED.stream().filter(e -> e.alias().equals(alias)).findFirst().map(ComputeExtensions::view);
    }

    private static Map<String, Object> view(Extension e) {
        return Map.of("alias", e.alias(), "name", e.name(), "description", e.description(),
                "namespace", NAMESPACE, "updated", FROZEN, "links", List.of());
    }
}
