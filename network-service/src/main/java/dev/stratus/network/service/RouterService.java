package dev.stratus.network.service;

import dev.stratus.common.network.NetworkChange;
import dev.stratus.network.api.L3Faults;
import dev.stratus.network.api.RequestBody;
import dev.stratus.network.api.StructuredValues.GatewayInfo;
import dev.stratus.network.api.StructuredValues.Route;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.IpAddress;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.PortRepository;
import dev.stratus.network.persistence.PortRow;
import dev.stratus.network.persistence.PortRow.FixedIp;
import dev.stratus.network.persistence.RouterRepository;
import dev.stratus.network.persistence.RouterRow;
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
import java.util.UUID;

/** Routers: their gateway, interfaces and extra routes, and when they may go. */
@ApplicationScoped
public class RouterService {

    /** Neutron's {@code max_routes}. */
    static final int MAX_ROUTES = 30;

    private final RouterRepository routers;
    private final PortRepository ports;
    private final SubnetRepository subnets;
    private final TagRepository tags;
    private final RouterGateways gateways;
    private final RouterInterfaces interfaces;
    private final Quotas quotas;
    private final VisibleResources visible;
    private final Access access;
    private final NetworkChanges changes;

    public RouterService(RouterRepository routers, PortRepository ports, SubnetRepository subnets, TagRepository tags,
            RouterGateways gateways, RouterInterfaces interfaces, Quotas quotas, VisibleResources visible,
            Access access, NetworkChanges changes) {
        this.routers = routers;
        this.ports = ports;
        this.subnets = subnets;
        this.tags = tags;
        this.gateways = gateways;
        this.interfaces = interfaces;
        this.quotas = quotas;
        this.visible = visible;
        this.access = access;
        this.changes = changes;
    }

    public List<RouterDetails> list(Caller caller, ListQuery query) {
        access.require(caller.reader() || caller.seesAll(), "get_router");
        return details(routers.list(query, Visibility.routers(caller))
                .orElseThrow(() -> L3Faults.routerNotFound(query.marker())));
    }

    public RouterDetails get(Caller caller, String id) {
        return details(List.of(visible.router(caller, id))).get(0);
    }

    @Transactional
    public List<RouterDetails> create(Caller caller, List<RequestBody> bodies) {
        List<RouterRow> created = new ArrayList<>();
        for (RequestBody b : bodies) {
            List<String> denied = gatewayRules(caller, b, "create_router");
            access.require((caller.admin() || caller.member()) && denied.isEmpty(), "create_router", denied);
            String project = access.owningProject(caller, b.string("project_id"));
            quotas.check(project, "router", 1);
            RouterRow row = new RouterRow(UUID.randomUUID().toString(), project, b.string("name"),
                    b.bool("admin_state_up"), "ACTIVE", null, null, true, List.of(),
                    new StandardAttributes(b.string("description"), 1, null, null));
            routers.insert(row);
            GatewayInfo gateway = (GatewayInfo) b.get("external_gateway_info");
            List<String> touched = gateway == null ? List.of() : gateways.apply(caller, row, gateway);
            created.add(routers.find(row.id()).orElseThrow());
            changes.changed(NetworkChange.Kind.ROUTER, row.id());
            if (!touched.isEmpty()) {
                changes.changed(NetworkChange.Kind.PORT, touched, List.of(), List.of());
            }
        }
        return details(created);
    }

    @Transactional
    public RouterDetails update(Caller caller, String id, RequestBody b) {
        RouterRow router = visible.router(caller, id);
        access.requireChange(caller.canWrite(router.projectId()), true, "update_router");
        List<String> denied = gatewayRules(caller, b, "update_router");
        access.require(denied.isEmpty(), "update_router", denied);
        router = routers.lock(id).orElseThrow(() -> L3Faults.routerNotFound(id));
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String attribute : List.of("name", "description", "admin_state_up")) {
            if (b.given(attribute)) {
                columns.put(attribute, b.get(attribute));
            }
        }
        List<String> touched = new ArrayList<>();
        if (b.given("external_gateway_info")) {
            touched.addAll(gateways.apply(caller, router, (GatewayInfo) b.get("external_gateway_info")));
            router = routers.find(id).orElseThrow();
        }
        if (b.given("routes")) {
            List<Route> routes = b.list("routes");
            checkRoutes(router, routes);
            routers.replaceRoutes(id, routes);
        }
        routers.update(id, columns);
        changes.changed(NetworkChange.Kind.ROUTER, id);
        if (!touched.isEmpty()) {
            changes.changed(NetworkChange.Kind.PORT, touched, List.of(), List.of());
        }
        return get(caller, id);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        RouterRow router = visible.router(caller, id);
        access.requireChange(caller.canWrite(router.projectId()), true, "delete_router");
        router = routers.lock(id).orElseThrow(() -> L3Faults.routerNotFound(id));
        List<PortRow> attached = interfaces.of(id);
        if (!attached.isEmpty()) {
            throw L3Faults.routerInUse(id, "has ports still attached: " + String.join(", ",
                    attached.stream().map(PortRow::id).toList()));
        }
        List<String> touched = gateways.apply(caller, router, null);
        tags.removeAll("routers", id);
        routers.delete(id);
        changes.changed(NetworkChange.Kind.ROUTER, id);
        if (!touched.isEmpty()) {
            changes.changed(NetworkChange.Kind.PORT, touched, List.of(), List.of());
        }
    }

    @Transactional
    public RouterInterface addInterface(Caller caller, String id, String subnetId, String portId) {
        RouterRow router = visible.router(caller, id);
        access.requireChange(caller.canWrite(router.projectId()), true, "add_router_interface");
        router = routers.lock(id).orElseThrow(() -> L3Faults.routerNotFound(id));
        RouterInterface added = interfaces.add(caller, router, subnetId, portId);
        routers.bump(id);
        changes.changed(NetworkChange.Kind.ROUTER, id);
        changes.changed(NetworkChange.Kind.PORT, List.of(added.portId()), List.of(), List.of());
        return added;
    }

    @Transactional
    public RouterInterface removeInterface(Caller caller, String id, String subnetId, String portId) {
        RouterRow router = visible.router(caller, id);
        access.requireChange(caller.canWrite(router.projectId()), true, "remove_router_interface");
        router = routers.lock(id).orElseThrow(() -> L3Faults.routerNotFound(id));
        RouterInterface removed = interfaces.remove(router, subnetId, portId);
        routers.bump(id);
        changes.changed(NetworkChange.Kind.ROUTER, id);
        changes.changed(NetworkChange.Kind.PORT, List.of(removed.portId()), List.of(), List.of());
        return removed;
    }

    public List<RouterDetails> details(List<RouterRow> rows) {
        Map<String, List<String>> tagsById = tags.tags("routers", rows.stream().map(RouterRow::id).toList());
        List<String> gwPorts = rows.stream().map(RouterRow::gwPortId).filter(p -> p != null).toList();
        Map<String, List<FixedIp>> gwIps = new LinkedHashMap<>();
        ports.findAll(gwPorts).forEach(p -> gwIps.put(p.id(), p.fixedIps()));
        return rows.stream().map(r -> new RouterDetails(r, r.gwPortId() == null ? List.of()
                : gwIps.getOrDefault(r.gwPortId(), List.of()), tagsById.getOrDefault(r.id(), List.of()))).toList();
    }

    /** Every next hop must be on a subnet of the router and not one of its own addresses. */
    private void checkRoutes(RouterRow router, List<Route> routes) {
        if (routes.size() > MAX_ROUTES) {
            throw L3Faults.routesExhausted(router.id(), MAX_ROUTES);
        }
        List<PortRow> routerPorts = new ArrayList<>(interfaces.of(router.id()));
        if (router.gwPortId() != null) {
            ports.find(router.gwPortId()).ifPresent(routerPorts::add);
        }
        List<FixedIp> ips = routerPorts.stream().flatMap(p -> p.fixedIps().stream()).toList();
        List<Cidr> cidrs = subnets.findAll(ips.stream().map(FixedIp::subnetId).distinct().toList()).stream()
                .map(SubnetRow::network).toList();
        for (Route route : routes) {
            IpAddress nexthop = IpAddress.of(route.nexthop());
            if (cidrs.stream().noneMatch(c -> c.contains(nexthop))) {
                throw L3Faults.invalidRoutes(describe(routes), "the nexthop is not connected with router");
            }
            if (ips.stream().anyMatch(ip -> IpAddress.of(ip.ipAddress()).equals(nexthop))) {
                throw L3Faults.invalidRoutes(describe(routes), "the nexthop is used by router");
            }
        }
    }

    private static String describe(List<Route> routes) {
        return "[" + String.join(", ", routes.stream().map(r -> "{'destination': '" + r.destination()
                + "', 'nexthop': '" + r.nexthop() + "'}").toList()) + "]";
    }

    /** enable_snat and external_fixed_ips of the gateway are the admin's (Neutron's router policy). */
    private static List<String> gatewayRules(Caller caller, RequestBody b, String action) {
        if (caller.admin() || !b.given("external_gateway_info") || b.get("external_gateway_info") == null) {
            return List.of();
        }
        GatewayInfo info = (GatewayInfo) b.get("external_gateway_info");
        List<String> denied = new ArrayList<>();
        if (info.enableSnat() != null) {
            denied.add("external_gateway_info:enable_snat");
        }
        if (info.externalFixedIps() != null) {
            denied.add("external_gateway_info:external_fixed_ips");
        }
        return denied;
    }
}
