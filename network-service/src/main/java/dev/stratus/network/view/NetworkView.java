package dev.stratus.network.view;

import dev.stratus.network.persistence.NetworkRow;
import dev.stratus.network.service.NetworkDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A network's body. Provider attributes are shown to admins and services only, as Neutron's policy has it. */
public final class NetworkView {

    private NetworkView() {
    }

    public static Map<String, Object> of(NetworkDetails d, boolean showProvider, String availabilityZone) {
        NetworkRow n = d.network();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", n.id());
        body.put("name", n.name());
        StandardFields.owner(body, n.projectId());
        body.put("admin_state_up", n.adminStateUp());
        body.put("mtu", n.mtu());
        body.put("status", n.status());
        body.put("subnets", d.subnetIds());
        body.put("shared", n.shared());
        body.put("availability_zone_hints", n.availabilityZoneHints());
        body.put("availability_zones", List.of(availabilityZone));
        body.put("router:external", n.external());
        if (n.external()) {
            body.put("is_default", n.isDefault());
        }
        body.put("port_security_enabled", n.portSecurityEnabled());
        body.put("dns_domain", n.dnsDomain());
        if (showProvider) {
            body.put("provider:network_type", n.networkType());
            body.put("provider:physical_network", n.physicalNetwork());
            body.put("provider:segmentation_id", n.segmentationId());
        }
        StandardFields.add(body, n.standard(), d.tags());
        return body;
    }
}
