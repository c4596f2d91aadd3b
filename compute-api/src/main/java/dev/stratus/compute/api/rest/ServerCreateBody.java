package dev.stratus.compute.api.rest;

import dev.stratus.compute.api.view.Links;
import static dev.stratus.common.web.VersionRange.between;
import static dev.stratus.common.web.VersionRange.since;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.VersionRange;
import dev.stratus.compute.api.service.Hostnames;
import dev.stratus.compute.api.service.NetworkCatalog;
import dev.stratus.compute.api.service.ServerCreateRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The {@code POST /servers} request schema: which properties each microversion accepts (declared below)
 * and how each is validated, with Nova's 400 messages.
 */
final class ServerCreateBody {

    /** Properties of {@code server} and the microversions that accept them. */
    private static final Map<String, VersionRange> FIELDS = Map.ofEntries(
            Map.entry("name", since("2.1")), Map.entry("imageRef", since("2.1")),
            Map.entry("flavorRef", since("2.1")), Map.entry("networks", since("2.1")),
            Map.entry("adminPass", since("2.1")), Map.entry("metadata", since("2.1")),
            Map.entry("availability_zone", since("2.1")), Map.entry("key_name", since("2.1")),
            Map.entry("security_groups", since("2.1")), Map.entry("user_data", since("2.1")),
            Map.entry("min_count", since("2.1")), Map.entry("max_count", since("2.1")),
            Map.entry("return_reservation_id", since("2.1")), Map.entry("config_drive", since("2.1")),
            Map.entry("block_device_mapping_v2", since("2.1")), Map.entry("block_device_mapping", since("2.1")),
            Map.entry("accessIPv4", since("2.1")), Map.entry("accessIPv6", since("2.1")),
            Map.entry("OS-DCF:diskConfig", since("2.1")), Map.entry("personality", between("2.1", "2.56")),
            Map.entry("description", since("2.19")), Map.entry("tags", since("2.52")),
            Map.entry("trusted_image_certificates", since("2.63")), Map.entry("host", since("2.74")),
            Map.entry("hypervisor_hostname", since("2.74")), Map.entry("hostname", since("2.90")));

    private static final VersionRange NETWORKS_REQUIRED = since("2.37");
    private static final VersionRange NETWORK_TAGS = since("2.32");

    private ServerCreateBody() {
    }

    static ServerCreateRequest parse(JsonNode body, ApiVersion version) {
        JsonNode s = Bodies.root(body, "server");
        for (Iterator<String> it = s.fieldNames(); it.hasNext();) {
            String field = it.next();
            VersionRange range = FIELDS.get(field);
            if (range == null || !range.contains(version)) {
                throw ApiException.badRequest("Invalid input for field/attribute server. Additional properties are"
                        + " not allowed ('" + field + "' was unexpected)");
            }
        }
        String name = Bodies.name(s, "name", 255, true);
        String flavorRef = Bodies.flavorRef(s, "server");
        String bootImage = bootImage(s);

        String mode = null;
        List<NetworkCatalog.Requested> networks = new ArrayList<>();
        JsonNode nets = s.get("networks");
        if (nets == null) {
            if (NETWORKS_REQUIRED.contains(version)) {
                throw ApiException.badRequest("Invalid input for field/attribute server. Value: " + s
                        + ". 'networks' is a required property");
            }
            // below 2.37, no networks: the one the project may use, or no NIC at all (never Neutron's
            // auto-allocation, which only an explicit "auto" asks for)
        } else if (nets.isTextual() && NETWORKS_REQUIRED.contains(version)
                && (nets.asText().equals("auto") || nets.asText().equals("none"))) {
            mode = nets.asText();
        } else if (nets.isArray()) {
            for (JsonNode n : nets) {
                networks.add(network(n, version));
            }
        } else {
            throw Bodies.invalid("networks", nets, "is not valid under any of the given schemas");
        }

        String keyName = Bodies.optionalString(s, "key_name", 1, 255);
        List<String> securityGroups = securityGroups(s.get("security_groups"));
        Map<String, String> metadata = Bodies.stringMap(s.get("metadata"), "metadata");
        String userData = UserData.check(s.get("user_data"));
        String zone = Bodies.optionalString(s, "availability_zone", 1, 255);
        Integer min = Bodies.integer(s, "min_count", 1, Integer.MAX_VALUE, false);
        Integer max = Bodies.integer(s, "max_count", 1, Integer.MAX_VALUE, false);
        int minCount = min == null ? 1 : min;
        int maxCount = max == null ? minCount : max;
        if (minCount > maxCount) {
            throw ApiException.badRequest("min_count must be <= max_count");
        }
        Boolean returnReservation = Bodies.bool(s, "return_reservation_id");
        Boolean configDrive = Bodies.bool(s, "config_drive");
        String description = s.has("description") ? Bodies.optionalString(s, "description", 0, 255) : null;
        List<String> tags = tags(s.get("tags"));
        String hostname = Bodies.optionalString(s, "hostname", 1, 63);
        if (hostname != null) {
            if (!Hostnames.valid(hostname)) {
                throw Bodies.invalid("hostname", s.get("hostname"), "does not match the hostname pattern");
            }
            if (maxCount > 1) {
                throw ApiException.badRequest("Cannot specify the hostname of multiple instances.");
            }
        }
        String v4 = AccessAddresses.ipv4(s);
        String v6 = AccessAddresses.ipv6(s);
        String diskConfig = Bodies.diskConfig(s);
        String adminPass = Bodies.optionalString(s, "adminPass", 0, 255);

        JsonNode hints = body.has("os:scheduler_hints") ? body.get("os:scheduler_hints")
                : body.get("OS-SCH-HNT:scheduler_hints");
        String group = null;
        List<String> sameHost = List.of();
        List<String> differentHost = List.of();
        if (hints != null && !hints.isNull()) {
            if (!hints.isObject()) {
                throw Bodies.invalid("os:scheduler_hints", hints, "is not of type 'object'");
            }
            if (hints.has("group")) {
                group = uuid(hints.get("group"), "group");
            }
            sameHost = uuids(hints.get("same_host"), "same_host");
            differentHost = uuids(hints.get("different_host"), "different_host");
        }
        return new ServerCreateRequest(name, bootImage, flavorRef, mode, networks, keyName, securityGroups, metadata,
                userData, zone, minCount, maxCount, Boolean.TRUE.equals(returnReservation),
                Boolean.TRUE.equals(configDrive), description, tags, hostname, emptyToNull(v4), emptyToNull(v6),
                diskConfig == null ? "MANUAL" : diskConfig, adminPass, group, sameHost, differentHost,
                Bodies.optionalString(s, "host", 1, 255), Bodies.optionalString(s, "hypervisor_hostname", 1, 255),
                Personality.parse(s.get("personality")));
    }

    /** imageRef, or the image of a block_device_mapping_v2 boot entry (image to local disk). */
    private static String bootImage(JsonNode s) {
        String imageRef = s.has("imageRef") && !s.get("imageRef").isNull()
                ? Bodies.string(s.get("imageRef"), "imageRef", 0, 2048) : "";
        if (!imageRef.isEmpty()) {
            String id = Links.idOf(imageRef);
            if (!Bodies.isUuid(id)) {
                throw Bodies.invalid("imageRef", s.get("imageRef"), "is not a 'uuid'");
            }
        }
        JsonNode bdms = s.get("block_device_mapping_v2");
        if (s.has("block_device_mapping")) {
            throw ApiException.badRequest("Block Device Mapping is Invalid: volumes are not supported by this cloud"
                    + " (no volume service).");
        }
        String bdmImage = null;
        if (bdms != null) {
            if (!bdms.isArray()) {
                throw Bodies.invalid("block_device_mapping_v2", bdms, "is not of type 'array'");
            }
            for (JsonNode bdm : bdms) {
                String source = bdm.path("source_type").asText("");
                String destination = bdm.path("destination_type").asText("local");
                if (destination.equals("volume") || source.equals("volume") || source.equals("snapshot")) {
                    throw ApiException.badRequest("Block Device Mapping is Invalid: volumes are not supported by"
                            + " this cloud (no volume service).");
                }
                if (source.equals("image")) {
                    String bootIndex = bdm.path("boot_index").asText("");
                    if (!bootIndex.equals("0")) {
                        throw ApiException.badRequest("Block Device Mapping is Invalid: an image can only be the"
                                + " boot device (boot_index 0) of a local disk.");
                    }
                    bdmImage = uuid(bdm.get("uuid"), "uuid");
                } else if (!source.equals("blank")) {
                    throw ApiException.badRequest("Block Device Mapping is Invalid: source_type " + source
                            + " is not supported.");
                }
            }
        }
        if (bdmImage != null && !imageRef.isEmpty() && !imageRef.endsWith(bdmImage)) {
            throw ApiException.badRequest("Block Device Mapping is Invalid: the boot image differs from imageRef.");
        }
        String image = bdmImage != null ? bdmImage : imageRef;
        if (image.isEmpty()) {
            throw ApiException.badRequest("Block Device Mapping is Invalid: Boot sequence for the instance and"
                    + " image/block device mapping combination is not valid.");
        }
        return image;
    }

    private static NetworkCatalog.Requested network(JsonNode n, ApiVersion version) {
        if (!n.isObject()) {
            throw Bodies.invalid("networks", n, "is not of type 'object'");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String field = it.next();
            boolean known = switch (field) {
                case "uuid", "port", "fixed_ip" -> true;
                case "tag" -> NETWORK_TAGS.contains(version);
                default -> false;
            };
            if (!known) {
                throw ApiException.badRequest("Invalid input for field/attribute networks. Additional properties are"
                        + " not allowed ('" + field + "' was unexpected)");
            }
        }
        String net = n.has("uuid") && !n.get("uuid").isNull() ? Bodies.string(n.get("uuid"), "uuid", 1, 255) : null;
        String port = n.has("port") && !n.get("port").isNull() ? uuid(n.get("port"), "port") : null;
        String fixedIp = Bodies.optionalString(n, "fixed_ip", 1, 64);
        String tag = Bodies.optionalString(n, "tag", 1, 60);
        if (net == null && port == null) {
            throw ApiException.badRequest("Bad networks format: network uuid is not in proper format ("
                    + n + ")");
        }
        if (fixedIp != null && !fixedIp.matches("^[0-9a-fA-F:.]+$")) {
            throw Bodies.invalid("fixed_ip", n.get("fixed_ip"), "is not a 'ip-address'");
        }
        return new NetworkCatalog.Requested(net, port, fixedIp, tag);
    }

    private static List<String> securityGroups(JsonNode v) {
        if (v == null || v.isNull()) {
            return List.of("default");
        }
        if (!v.isArray()) {
            throw Bodies.invalid("security_groups", v, "is not of type 'array'");
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (JsonNode g : v) {
            if (!g.isObject()) {
                throw Bodies.invalid("security_groups", g, "is not of type 'object'");
            }
            names.add(Bodies.requiredString(g, "name", 1, 255));
        }
        return names.isEmpty() ? List.of("default") : List.copyOf(names);
    }

    private static List<String> tags(JsonNode v) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw Bodies.invalid("tags", v, "is not of type 'array'");
        }
        if (v.size() > 50) {
            throw Bodies.invalid("tags", v, "is too long");
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (JsonNode t : v) {
            tags.add(ServerTagRules.check(t));
        }
        return List.copyOf(tags);
    }

    private static String uuid(JsonNode v, String field) {
        if (v == null || !v.isTextual() || !Bodies.isUuid(v.asText())) {
            throw Bodies.invalid(field, v, "is not a 'uuid'");
        }
        return v.asText();
    }

    private static List<String> uuids(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(uuid(v, field));
        }
        if (!v.isArray()) {
            throw Bodies.invalid(field, v, "is not of type 'string', 'array'");
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(uuid(e, field)));
        return out;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
