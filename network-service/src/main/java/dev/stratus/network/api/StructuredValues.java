package dev.stratus.network.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.ipam.IpAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Readers of the list-of-dict attributes (fixed_ips, pools, routes, address pairs, gateway info). */
public final class StructuredValues {

    /** One entry of a port's {@code fixed_ips} request; either part may be absent. */
    public record FixedIpRequest(String subnetId, String ipAddress) {
    }

    public record PoolRequest(String start, String end) {
    }

    public record Route(String destination, String nexthop) {
    }

    /** An allowed address pair; a null MAC means the port's own. */
    public record AddressPair(String ipAddress, String macAddress) {
    }

    /** A router's {@code external_gateway_info}; null when the body clears the gateway. */
    public record GatewayInfo(String networkId, Boolean enableSnat, List<FixedIpRequest> externalFixedIps) {
    }

    private StructuredValues() {
    }

    public static ValueReader fixedIps() {
        return v -> {
            if (v == null || !v.isArray()) {
                throw new ValueReader.Invalid("Invalid data format for fixed IP: '" + PythonText.of(v) + "'");
            }
            List<FixedIpRequest> out = new ArrayList<>();
            Set<String> addresses = new LinkedHashSet<>();
            for (JsonNode item : v) {
                if (!item.isObject()) {
                    throw new ValueReader.Invalid("Invalid data format for fixed IP: '" + PythonText.of(item) + "'");
                }
                String ip = null;
                if (item.has("ip_address")) {
                    JsonNode address = item.get("ip_address");
                    if (!addresses.add(address.asText())) {
                        throw new ValueReader.Invalid("Duplicate IP address '" + address.asText() + "'");
                    }
                    String reason = Values.ipReason(address);
                    if (reason != null) {
                        throw new ValueReader.Invalid(reason);
                    }
                    ip = IpAddress.of(address.asText()).toString();
                }
                String subnet = null;
                if (item.has("subnet_id")) {
                    subnet = (String) Values.uuid().read(item.get("subnet_id"));
                }
                out.add(new FixedIpRequest(subnet, ip));
            }
            return out;
        };
    }

    public static ValueReader allocationPools() {
        return v -> {
            if (v == null || !v.isArray()) {
                throw new ValueReader.Invalid("Invalid data format for IP pool: '" + PythonText.of(v) + "'");
            }
            List<PoolRequest> out = new ArrayList<>();
            for (JsonNode pool : v) {
                exactKeys(pool, List.of("start", "end"));
                for (String key : List.of("start", "end")) {
                    String reason = Values.ipReason(pool.get(key));
                    if (reason != null) {
                        throw new ValueReader.Invalid(reason);
                    }
                }
                out.add(new PoolRequest(pool.get("start").asText(), pool.get("end").asText()));
            }
            return out;
        };
    }

    public static ValueReader nameservers() {
        return v -> {
            if (v == null || !v.isArray()) {
                throw new ValueReader.Invalid("Invalid data format for nameserver: '" + PythonText.of(v) + "'");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode host : v) {
                String reason = Values.ipReason(host);
                if (reason != null) {
                    throw new ValueReader.Invalid("'" + PythonText.of(host) + "' is not a valid nameserver. " + reason);
                }
                if (out.contains(host.asText())) {
                    throw new ValueReader.Invalid("Duplicate nameserver '" + host.asText() + "'");
                }
                out.add(host.asText());
            }
            return out;
        };
    }

    /** Host routes of a subnet, or a router's extra routes. */
    public static ValueReader routes(String kind) {
        return v -> {
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw new ValueReader.Invalid("Invalid data format for " + kind + ": '" + PythonText.of(v) + "'");
            }
            List<Route> out = new ArrayList<>();
            for (JsonNode route : v) {
                exactKeys(route, List.of("destination", "nexthop"));
                JsonNode destination = route.get("destination");
                Cidr cidr = destination.isTextual() ? Cidr.parse(destination.asText()).orElse(null) : null;
                if (cidr == null || !cidr.network().equals(IpAddress.of(destination.asText().split("/")[0]))) {
                    throw new ValueReader.Invalid("'" + PythonText.of(destination) + "' is not a valid CIDR");
                }
                String reason = Values.ipReason(route.get("nexthop"));
                if (reason != null) {
                    throw new ValueReader.Invalid(reason);
                }
                Route r = new Route(cidr.toString(), IpAddress.of(route.get("nexthop").asText()).toString());
                if (out.contains(r)) {
                    throw new ValueReader.Invalid("Duplicate " + kind + " '" + PythonText.of(route) + "'");
                }
                out.add(r);
            }
            return out;
        };
    }

    public static ValueReader addressPairs(int max) {
        return v -> {
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw Faults.badRequest("Allowed address pairs must be a list.");
            }
            if (v.size() > max) {
                throw CoreFaults.allowedAddressPairExhausted(max);
            }
            List<AddressPair> out = new ArrayList<>();
            List<AddressPair> seen = new ArrayList<>();
            for (JsonNode pair : v) {
                if (!pair.isObject()) {
                    throw new ValueReader.Invalid("'" + PythonText.of(pair) + "' is not a dictionary");
                }
                String mac = null;
                if (pair.has("mac_address")) {
                    try {
                        mac = (String) Values.macAddress().read(pair.get("mac_address"));
                    } catch (ValueReader.Invalid e) {
                        throw Faults.badRequest(e.getMessage());
                    }
                }
                if (!pair.has("ip_address")) {
                    throw Faults.of(400, "AllowedAddressPairsMissingIP",
                            "Invalid input for operation: AllowedAddressPair must contain ip_address.");
                }
                String given = pair.get("ip_address").asText();
                String pairMac = mac;
                if (seen.stream().anyMatch(p -> p.ipAddress().equals(given) && java.util.Objects.equals(p.macAddress(),
                        pairMac))) {
                    throw CoreFaults.duplicateAddressPair(mac == null ? "None" : mac, given);
                }
                seen.add(new AddressPair(given, mac));
                String ip = given;
                List<String> extra = new ArrayList<>();
                pair.fieldNames().forEachRemaining(k -> {
                    if (!k.equals("ip_address") && !k.equals("mac_address")) {
                        extra.add(k);
                    }
                });
                if (!extra.isEmpty()) {
                    throw Faults.badRequest("Unrecognized attribute(s) '" + String.join(", ", extra) + "'");
                }
                JsonNode address = pair.get("ip_address");
                if (ip.contains("/")) {
                    Values.subnet().read(address);
                    ip = Cidr.of(ip).toString();
                } else {
                    String reason = Values.ipReason(address);
                    if (reason != null) {
                        throw new ValueReader.Invalid(reason);
                    }
                    ip = IpAddress.of(ip).toString();
                }
                out.add(new AddressPair(ip, mac));
            }
            return out;
        };
    }

    /** external_gateway_info: {network_id, enable_snat, external_fixed_ips}, or null/{} to clear it. */
    public static ValueReader gatewayInfo() {
        return v -> {
            if (v == null || v.isNull() || (v.isObject() && v.isEmpty())) {
                return null;
            }
            if (!v.isObject()) {
                throw new ValueReader.Invalid("'" + PythonText.of(v) + "' is not a dictionary");
            }
            List<String> unexpected = new ArrayList<>();
            v.fieldNames().forEachRemaining(k -> {
                if (!List.of("network_id", "enable_snat", "external_fixed_ips").contains(k)) {
                    unexpected.add(k);
                }
            });
            if (!unexpected.isEmpty()) {
                throw new ValueReader.Invalid("Unexpected keys supplied: " + String.join(", ", unexpected));
            }
            if (!v.has("network_id")) {
                throw new ValueReader.Invalid("Validation of dictionary's keys failed. Expected keys: {'network_id'} "
                        + "Provided keys: " + pythonSet(v.fieldNames()));
            }
            String network = (String) Values.uuid().read(v.get("network_id"));
            Boolean snat = v.has("enable_snat") ? Values.toBoolean(v.get("enable_snat")) : null;
            @SuppressWarnings("unchecked")
            List<FixedIpRequest> ips = v.has("external_fixed_ips")
                    ? (List<FixedIpRequest>) fixedIps().read(v.get("external_fixed_ips")) : null;
            return new GatewayInfo(network, snat, ips);
        };
    }

    private static void exactKeys(JsonNode item, List<String> expected) throws ValueReader.Invalid {
        if (!item.isObject()) {
            throw new ValueReader.Invalid("Invalid input. '" + PythonText.of(item) + "' must be a dictionary with keys: "
                    + Values.pythonList(expected));
        }
        Set<String> provided = new TreeSet<>();
        item.fieldNames().forEachRemaining(provided::add);
        if (!provided.equals(new TreeSet<>(expected))) {
            throw new ValueReader.Invalid("Validation of dictionary's keys failed. Expected keys: "
                    + pythonSet(expected.iterator()) + " Provided keys: " + pythonSet(provided.iterator()));
        }
    }

    private static String pythonSet(Iterator<String> keys) {
        List<String> items = new ArrayList<>();
        keys.forEachRemaining(k -> items.add("'" + k + "'"));
        return "{" + String.join(", ", items) + "}";
    }
}
