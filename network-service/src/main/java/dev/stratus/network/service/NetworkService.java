package dev.stratus.network.service;

import dev.stratus.common.network.NetworkChange;
import dev.stratus.network.api.AutoAllocateFaults;
import dev.stratus.network.api.CoreFaults;
import dev.stratus.network.api.Faults;
import dev.stratus.network.api.L3Faults;
import dev.stratus.network.api.RequestBody;
import dev.stratus.network.config.NetworkSettings;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.NetworkRepository;
import dev.stratus.network.persistence.NetworkRow;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.persistence.StandardAttributes;
import dev.stratus.network.persistence.SubnetRepository;
import dev.stratus.network.persistence.SubnetRow;
import dev.stratus.network.persistence.TagRepository;
import dev.stratus.network.persistence.listing.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Networks: who may create, see, change and delete them, and what goes with them (DHCP port, subnets). */
@ApplicationScoped
public class NetworkService {

    private static final List<String> ADMIN_ATTRIBUTES = List.of("shared", "router:external", "is_default", "provider:network_type",
            "provider:physical_network", "provider:segmentation_id");

    private final NetworkRepository networks;
    private final SubnetRepository subnets;
    private final PortRepository ports;
    private final TagRepository tags;
    private final ProviderSegments segments;
    private final Quotas quotas;
    private final DefaultSecurityGroups defaultGroups;
    private final PortWriter portWriter;
    private final VisibleResources visible;
    private final Access access;
    private final NetworkChanges changes;
    private final NetworkSettings settings;
    private final FloatingIpService floatingIpService;

    public NetworkService(NetworkRepository networks, SubnetRepository subnets, PortRepository ports,
            TagRepository tags, ProviderSegments segments, Quotas quotas, DefaultSecurityGroups defaultGroups,
            PortWriter portWriter, VisibleResources visible, Access access, NetworkChanges changes,
            NetworkSettings settings, FloatingIpService floatingIpService) {
        this.networks = networks;
        this.subnets = subnets;
        this.ports = ports;
        this.tags = tags;
        this.segments = segments;
        this.quotas = quotas;
        this.defaultGroups = defaultGroups;
        this.portWriter = portWriter;
        this.visible = visible;
        this.access = access;
        this.changes = changes;
        this.settings = settings;
        this.floatingIpService = floatingIpService;
    }

    public List<NetworkDetails> list(Caller caller, ListQuery query) {
        access.require(caller.reader() || caller.seesAll(), "get_network");
        return details(networks.list(query, Visibility.networks(caller))
                .orElseThrow(() -> CoreFaults.networkNotFound(query.marker())));
    }

    public NetworkDetails get(Caller caller, String id) {
        return details(List.of(visible.network(caller, id))).get(0);
    }

    @Transactional
    public List<NetworkDetails> create(Caller caller, List<RequestBody> bodies) {
        List<NetworkRow> created = new ArrayList<>();
        for (RequestBody body : bodies) {
            created.add(create(caller, body));
        }
        return details(created);
    }

    private NetworkRow create(Caller caller, RequestBody b) {
        access.require(caller.member() || caller.admin(), "create_network", adminAttributes(caller, b));
        String project = access.owningProject(caller, b.string("project_id"));
        quotas.check(project, "network", 1);
        ProviderSegments.Segment segment = segments.choose(b.string("provider:network_type"),
                b.string("provider:physical_network"), b.integer("provider:segmentation_id"));
        int maxMtu = segments.maxMtu(segment.type());
        Integer mtu = b.integer("mtu");
        if (mtu != null && mtu > maxMtu) {
            throw Faults.invalidInput("Requested MTU is too big, maximum is " + maxMtu);
        }
        List<String> zones = b.has("availability_zone_hints") ? b.list("availability_zone_hints") : List.of();
        for (String zone : zones) {
            if (!zone.equals(settings.availabilityZone())) {
                throw Faults.notFound("AvailabilityZoneNotFound", "AvailabilityZone " + zone + " could not be found.");
            }
        }
        String id = UUID.randomUUID().toString();
        boolean isDefault = b.bool("router:external") && b.bool("is_default");
        if (isDefault) {
            requireNoOtherDefault(id);
        }
        NetworkRow row = new NetworkRow(id, project, b.string("name"),
                b.bool("admin_state_up"), "ACTIVE", b.bool("shared"), b.bool("router:external"), isDefault,
                mtu == null ? maxMtu : mtu, b.bool("port_security_enabled"), segment.type(),
                segment.physicalNetwork(), segment.segmentationId(), zones, b.string("dns_domain"),
                new StandardAttributes(b.string("description"), 1, null, null));
        networks.insert(row);
        defaultGroups.ensure(project);
        changes.changed(NetworkChange.Kind.NETWORK, row.id());
        return networks.find(row.id()).orElseThrow();
    }

    @Transactional
    public NetworkDetails update(Caller caller, String id, RequestBody b) {
        NetworkRow network = visible.network(caller, id);
        access.requireChange(caller.canWrite(network.projectId()), true, "update_network");
        access.require(adminAttributes(caller, b).isEmpty(), "update_network", adminAttributes(caller, b));
        network = networks.lock(id).orElseThrow(() -> CoreFaults.networkNotFound(id));
        checkProviderUnchanged(network, b);
        Map<String, Object> columns = new LinkedHashMap<>();
        copy(b, "name", "name", columns);
        copy(b, "description", "description", columns);
        copy(b, "admin_state_up", "admin_state_up", columns);
        copy(b, "port_security_enabled", "port_security_enabled", columns);
        copy(b, "dns_domain", "dns_domain", columns);
        if (b.given("mtu")) {
            int max = segments.maxMtu(network.networkType());
            if (b.integer("mtu") > max) {
                throw Faults.invalidInput("Requested MTU is too big, maximum is " + max);
            }
            columns.put("mtu", b.integer("mtu"));
        }
        if (b.given("shared") && !b.bool("shared") && network.shared() && usedByOtherProjects(network)) {
            throw CoreFaults.invalidSharedSetting(network.name().isEmpty() ? network.id() : network.name());
        }
        copy(b, "shared", "shared", columns);
        if (b.given("router:external") && !b.bool("router:external") && network.external() && hasGatewayPorts(id)) {
            throw L3Faults.externalNetworkInUse(id);
        }
        copy(b, "router:external", "router_external", columns);
        boolean external = b.given("router:external") ? b.bool("router:external") : network.external();
        boolean isDefault = b.given("is_default") ? b.bool("is_default") : network.isDefault();
        if (isDefault && external && !network.isDefault()) {
            requireNoOtherDefault(id);
        }
        if (external && isDefault != network.isDefault() || !external && network.isDefault()) {
            columns.put("is_default", external && isDefault);
        }
        networks.update(id, columns);
        changes.changed(NetworkChange.Kind.NETWORK, id);
        return get(caller, id);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        NetworkRow network = visible.network(caller, id);
        access.requireChange(caller.canWrite(network.projectId()), true, "delete_network");
        networks.lock(id);
        if (network.external()) {
            floatingIpService.deleteAllOn(id);
        }
        List<PortRow> attached = ports.byNetwork(id);
        if (attached.stream().anyMatch(p -> !DhcpPorts.OWNER.equals(p.deviceOwner()))) {
            throw CoreFaults.networkInUse(id);
        }
        attached.forEach(p -> portWriter.delete(p.id()));
        for (SubnetRow subnet : subnets.byNetwork(id)) {
            tags.removeAll("subnets", subnet.id());
            subnets.delete(subnet.id());
        }
        tags.removeAll("networks", id);
        networks.delete(id);
        changes.changed(NetworkChange.Kind.NETWORK, id);
    }

    public List<NetworkDetails> details(List<NetworkRow> rows) {
        List<String> ids = rows.stream().map(NetworkRow::id).toList();
        Map<String, List<String>> subnetIds = networks.subnetIds(ids);
        Map<String, List<String>> tagsById = tags.tags("networks", ids);
        return rows.stream().map(n -> new NetworkDetails(n, subnetIds.getOrDefault(n.id(), List.of()),
                tagsById.getOrDefault(n.id(), List.of()))).toList();
    }

    /**
     * On create, Neutron's policy counts an attribute as set only when its value is not the default: a member may
     * send {@code "shared": false} (some clients always do), not {@code "shared": true}.
     */
    private static List<String> adminAttributes(Caller caller, RequestBody b) {
        if (caller.admin()) {
            return List.of();
        }
        return b.explicitlySet().stream().filter(ADMIN_ATTRIBUTES::contains).toList();
    }

    /**
     * One default external network at a time (Neutron's DefaultExternalNetworkExists); the partial unique index
     * settles a race between two admins.
     */
    private void requireNoOtherDefault(String id) {
        networks.findDefaultExternal().filter(n -> !n.id().equals(id)).ifPresent(n -> {
            throw AutoAllocateFaults.defaultExternalNetworkExists(n.id());
        });
    }

    private static void checkProviderUnchanged(NetworkRow n, RequestBody b) {
        if ((b.given("provider:network_type") && !Objects.equals(b.string("provider:network_type"), n.networkType()))
                || (b.given("provider:physical_network")
                        && !Objects.equals(b.string("provider:physical_network"), n.physicalNetwork()))
                || (b.given("provider:segmentation_id")
                        && !Objects.equals(b.integer("provider:segmentation_id"), n.segmentationId()))) {
            throw Faults.invalidInput("Plugin does not support updating provider attributes");
        }
    }

    private boolean usedByOtherProjects(NetworkRow network) {
        return ports.byNetwork(network.id()).stream().anyMatch(p -> !p.projectId().isEmpty()
                && !p.projectId().equals(network.projectId()) && !p.isNetworkOwned());
    }

    private boolean hasGatewayPorts(String networkId) {
        return ports.byNetwork(networkId).stream().anyMatch(p -> "network:router_gateway".equals(p.deviceOwner()));
    }

    private static void copy(RequestBody b, String attribute, String column, Map<String, Object> columns) {
        if (b.given(attribute)) {
            columns.put(column, b.get(attribute));
        }
    }
}
