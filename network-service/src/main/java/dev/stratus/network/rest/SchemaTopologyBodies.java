package dev.stratus.network.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.network.api.RequestBody;
import dev.stratus.network.api.ResourceSchema;
import dev.stratus.network.service.TopologyBodies;
import jakarta.enterprise.context.ApplicationScoped;

/** Auto-allocation's requests, as Neutron words them, read through the network, subnet and router schemas. */
@ApplicationScoped
public class SchemaTopologyBodies implements TopologyBodies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public RequestBody network(String projectId) {
        ObjectNode network = JSON.objectNode().put("name", "auto_allocated_network").put("admin_state_up", true)
                .put("project_id", projectId);
        return read(NetworksResource.SCHEMA, network);
    }

    @Override
    public RequestBody subnet(String projectId, String networkId, int ipVersion, String subnetPoolId) {
        ObjectNode subnet = JSON.objectNode().put("name", "auto_allocated_subnet_v" + ipVersion)
                .put("network_id", networkId).put("project_id", projectId).put("ip_version", ipVersion)
                .put("subnetpool_id", subnetPoolId);
        return read(SubnetsResource.SCHEMA, subnet);
    }

    @Override
    public RequestBody router(String projectId, String externalNetworkId) {
        ObjectNode router = JSON.objectNode().put("name", "auto_allocated_router").put("admin_state_up", true)
                .put("project_id", projectId);
        router.putObject("external_gateway_info").put("network_id", externalNetworkId);
        return read(RoutersResource.SCHEMA, router);
    }

    private static RequestBody read(ResourceSchema schema, ObjectNode item) {
        ObjectNode body = JSON.objectNode();
        body.set(schema.resource(), item);
        return schema.forCreate(body, false).get(0);
    }
}
