package dev.stratus.compute.api.view;

import static dev.stratus.common.web.VersionRange.between;
import static dev.stratus.common.web.VersionRange.since;

import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.Link;
import dev.stratus.compute.api.persistence.FaultRow;
import dev.stratus.compute.api.persistence.InstanceDetails;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.NicRow;
import dev.stratus.compute.api.service.InstanceStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Server bodies, declared per microversion range as Tempest's schemas (compute/v2_*&#47;servers.py) describe
 * them: the summary of {@code GET /servers}, the detail of show and {@code /servers/detail}, and the update
 * response (the short form below 2.75, the detail from 2.75).
 */
public final class ServerView {

    /**
     * @param admin whether the caller passes the admin-only attribute rules
     * @param hostStatus the host_status (2.16) of each host, for admins
     */
    public record Context(String base, boolean admin, Function<String, String> hostStatus) {
    }

    private static final VersionedFields<InstanceDetails, Context> SUMMARY =
            new VersionedFields<InstanceDetails, Context>()
                    .always("id", (s, c) -> s.row().uuid())
                    .always("links", (s, c) -> Links.of(c.base(), "servers", s.row().uuid()))
                    .always("name", (s, c) -> s.row().displayName());

    /**
     * Fields every full server body has (Tempest's common_show_server plus the later additions); the detail and
     * show bodies give each address's type and MAC, the short update and rebuild bodies do not (Nova's
     * extend_address=False).
     */
    private static VersionedFields<InstanceDetails, Context> common(boolean extendedAddresses) {
        return new VersionedFields<InstanceDetails, Context>()
                    .always("id", (s, c) -> s.row().uuid())
                    .always("name", (s, c) -> s.row().displayName())
                    .always("status", (s, c) -> status(s.row()))
                    .always("tenant_id", (s, c) -> s.row().projectId())
                    .always("user_id", (s, c) -> s.row().userId())
                    .always("metadata", (s, c) -> s.metadata())
                    .always("hostId", (s, c) -> hostId(s.row()))
                    .always("image", (s, c) -> image(s.row(), c))
                    .in(between("2.1", "2.46"), "flavor", (s, c) -> flavorLink(s.row(), c))
                    .in(since("2.47"), "flavor", (s, c) -> embeddedFlavor(s.row()))
                    .always("created", (s, c) -> Times.zulu(s.row().createdAt()))
                    .always("updated", (s, c) -> Times.zulu(updated(s.row())))
                    .always("addresses", (s, c) -> addresses(s.nics(), extendedAddresses))
                    .always("accessIPv4", (s, c) -> nullToEmpty(s.row().accessIpV4()))
                    .always("accessIPv6", (s, c) -> nullToEmpty(s.row().accessIpV6()))
                    .always("links", (s, c) -> Links.of(c.base(), "servers", s.row().uuid()))
                    .always("OS-DCF:diskConfig", (s, c) -> s.row().diskConfig())
                    .when(since("2.1"), "progress", (s, c) -> InstanceStatus.showsProgress(status(s.row())),
                            (s, c) -> s.row().progress())
                    .when(since("2.1"), "fault", (s, c) -> s.fault() != null || "error".equals(s.row().vmState()),
                            (s, c) -> fault(s, c));
    }

    /** Short-form additions of the update response below 2.75. */
    private static final VersionedFields<InstanceDetails, Context> UPDATE_EXTRAS =
            new VersionedFields<InstanceDetails, Context>()
                    .in(since("2.9"), "locked", (s, c) -> s.row().locked())
                    .in(since("2.19"), "description", (s, c) -> s.row().displayDescription())
                    .in(since("2.26"), "tags", (s, c) -> s.tags())
                    .in(since("2.63"), "trusted_image_certificates", (s, c) -> null)
                    .in(since("2.71"), "server_groups", (s, c) -> s.serverGroups())
                    .in(since("2.73"), "locked_reason", (s, c) -> s.row().lockedReason());

    private static final VersionedFields<InstanceDetails, Context> DETAIL_EXTRAS =
            new VersionedFields<InstanceDetails, Context>()
                    .always("OS-EXT-AZ:availability_zone", (s, c) -> nullToEmpty(s.row().availabilityZone()))
                    .always("config_drive", (s, c) -> s.row().configDrive() ? "True" : "")
                    .always("key_name", (s, c) -> s.row().keyName())
                    .always("OS-SRV-USG:launched_at", (s, c) -> Times.micros(s.row().launchedAt()))
                    .always("OS-SRV-USG:terminated_at", (s, c) -> Times.micros(s.row().terminatedAt()))
                    // Nova leaves the key out when the server is in no security group
                    .when(since("2.1"), "security_groups", (s, c) -> !s.securityGroups().isEmpty(),
                            (s, c) -> s.securityGroups().stream().map(n -> Map.of("name", n)).toList())
                    .when(since("2.1"), "OS-EXT-SRV-ATTR:host", (s, c) -> c.admin(), (s, c) -> s.row().host())
                    .when(since("2.1"), "OS-EXT-SRV-ATTR:instance_name", (s, c) -> c.admin(),
                            (s, c) -> instanceName(s.row()))
                    .when(since("2.1"), "OS-EXT-SRV-ATTR:hypervisor_hostname", (s, c) -> c.admin(),
                            (s, c) -> s.row().node())
                    .when(since("2.3"), "OS-EXT-SRV-ATTR:reservation_id", (s, c) -> c.admin(),
                            (s, c) -> s.row().reservationId())
                    .when(since("2.3"), "OS-EXT-SRV-ATTR:launch_index", (s, c) -> c.admin(),
                            (s, c) -> s.row().launchIndex())
                    .when(between("2.3", "2.89"), "OS-EXT-SRV-ATTR:hostname", (s, c) -> c.admin(),
                            (s, c) -> s.row().hostname())
                    .in(since("2.90"), "OS-EXT-SRV-ATTR:hostname", (s, c) -> s.row().hostname())
                    .when(since("2.3"), "OS-EXT-SRV-ATTR:kernel_id", (s, c) -> c.admin(), (s, c) -> "")
                    .when(since("2.3"), "OS-EXT-SRV-ATTR:ramdisk_id", (s, c) -> c.admin(), (s, c) -> "")
                    .when(since("2.3"), "OS-EXT-SRV-ATTR:root_device_name", (s, c) -> c.admin(),
                            (s, c) -> s.row().rootDeviceName())
                    .when(since("2.3"), "OS-EXT-SRV-ATTR:user_data", (s, c) -> c.admin(),
                            (s, c) -> s.row().userData())
                    .always("OS-EXT-STS:task_state", (s, c) -> s.row().taskState())
                    .always("OS-EXT-STS:vm_state", (s, c) -> s.row().vmState())
                    .always("OS-EXT-STS:power_state", (s, c) -> s.row().powerState())
                    .always("os-extended-volumes:volumes_attached", (s, c) -> List.of())
                    .in(since("2.9"), "locked", (s, c) -> s.row().locked())
                    .when(since("2.16"), "host_status", (s, c) -> c.admin(),
                            (s, c) -> s.row().host() == null ? "" : c.hostStatus().apply(s.row().host()))
                    .in(since("2.19"), "description", (s, c) -> s.row().displayDescription())
                    .in(since("2.26"), "tags", (s, c) -> s.tags())
                    .in(since("2.63"), "trusted_image_certificates", (s, c) -> null)
                    .in(since("2.73"), "locked_reason", (s, c) -> s.row().lockedReason());

    private static final VersionedFields<InstanceDetails, Context> DETAIL =
            new VersionedFields<InstanceDetails, Context>().including(common(true)).including(DETAIL_EXTRAS);

    /** show adds server_groups from 2.71 (list calls do not). */
    private static final VersionedFields<InstanceDetails, Context> SHOW =
            new VersionedFields<InstanceDetails, Context>().including(DETAIL)
                    .in(since("2.71"), "server_groups", (s, c) -> s.serverGroups());

    private static final VersionedFields<InstanceDetails, Context> SHORT_UPDATE =
            new VersionedFields<InstanceDetails, Context>().including(common(false)).including(UPDATE_EXTRAS);

    /** Rebuild adds the key (2.54) and the user data (2.57) to the short form. */
    private static final VersionedFields<InstanceDetails, Context> SHORT_REBUILD =
            new VersionedFields<InstanceDetails, Context>().including(SHORT_UPDATE)
                    .in(since("2.54"), "key_name", (s, c) -> s.row().keyName())
                    .in(since("2.57"), "user_data", (s, c) -> s.row().userData());

    private ServerView() {
    }

    public static Map<String, Object> summary(InstanceDetails s, Context c, ApiVersion v) {
        return SUMMARY.render(s, c, v);
    }

    public static Map<String, Object> detail(InstanceDetails s, Context c, ApiVersion v) {
        return DETAIL.render(s, c, v);
    }

    public static Map<String, Object> show(InstanceDetails s, Context c, ApiVersion v) {
        return SHOW.render(s, c, v);
    }

    /** PUT /servers/{id}: Tempest's update_server, the full show body from 2.75. */
    public static Map<String, Object> update(InstanceDetails s, Context c, ApiVersion v) {
        return v.atLeast("2.75") ? SHOW.render(s, c, v) : SHORT_UPDATE.render(s, c, v);
    }

    /**
     * The rebuild action's 202 (without adminPass, which the caller adds): the short form below 2.75, the
     * show body from 2.75 with the user data as {@code user_data} rather than {@code OS-EXT-SRV-ATTR:user_data}.
     */
    public static Map<String, Object> rebuild(InstanceDetails s, Context c, ApiVersion v) {
        if (!v.atLeast("2.75")) {
            return SHORT_REBUILD.render(s, c, v);
        }
        Map<String, Object> body = SHOW.render(s, c, v);
        body.remove("OS-EXT-SRV-ATTR:user_data");
        body.put("user_data", s.row().userData());
        return body;
    }

    /**
     * {@code addresses} keyed by network name in attach order, each NIC's fixed addresses then its floating
     * ones; detail bodies add the type and MAC.
     */
    public static Map<String, Object> addresses(List<NicRow> nics, boolean extended) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (NicRow n : nics) {
            if (n.networkName() == null || n.fixedIps().isEmpty() && n.floatingIps().isEmpty()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) out.computeIfAbsent(n.networkName(), k -> new ArrayList<>());
            for (String ip : n.fixedIps()) {
                list.add(address(ip, "fixed", n.macAddress(), extended));
            }
            for (String ip : n.floatingIps()) {
                list.add(address(ip, "floating", n.macAddress(), extended));
            }
        }
        return out;
    }

    private static Map<String, Object> address(String ip, String type, String mac, boolean extended) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("version", ip.contains(":") ? 6 : 4);
        a.put("addr", ip);
        if (extended) {
            a.put("OS-EXT-IPS:type", type);
            a.put("OS-EXT-IPS-MAC:mac_addr", mac);
        }
        return a;
    }

    public static String status(InstanceRow r) {
        return InstanceStatus.of(r.vmState(), r.taskState());
    }

    static java.time.Instant updated(InstanceRow r) {
        return r.updatedAt() != null ? r.updatedAt() : r.createdAt();
    }

    public static String instanceName(InstanceRow r) {
        return String.format("instance-%08x", r.id());
    }

    /** Nova's hostId: an opaque per-project digest of the host, empty before a host is chosen. */
    public static String hostId(InstanceRow r) {
        if (r.host() == null) {
            return "";
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-224");
            return HexFormat.of().formatHex(sha.digest((r.projectId() + r.host()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object image(InstanceRow r, Context c) {
        if (r.imageRef() == null || r.imageRef().isEmpty()) {
            return "";
        }
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("id", r.imageRef());
        image.put("links", List.of(Link.of("bookmark", c.base() + "/images/" + r.imageRef())));
        return image;
    }

    private static Object flavorLink(InstanceRow r, Context c) {
        Map<String, Object> flavor = new LinkedHashMap<>();
        flavor.put("id", r.flavorId());
        flavor.put("links", List.of(Link.of("bookmark", c.base() + "/flavors/" + r.flavorId())));
        return flavor;
    }

    private static Object embeddedFlavor(InstanceRow r) {
        Map<String, Object> flavor = new LinkedHashMap<>();
        flavor.put("vcpus", r.vcpus());
        flavor.put("ram", r.memoryMb());
        flavor.put("disk", r.rootGb());
        flavor.put("ephemeral", r.ephemeralGb());
        flavor.put("swap", r.swap());
        flavor.put("original_name", r.flavorName());
        flavor.put("extra_specs", r.flavorExtraSpecs());
        return flavor;
    }

    private static Object fault(InstanceDetails s, Context c) {
        FaultRow f = s.fault();
        Map<String, Object> fault = new LinkedHashMap<>();
        if (f == null) {
            // an ERROR instance always explains itself, even when no reporter gave a reason
            fault.put("code", 500);
            fault.put("created", Times.zulu(updated(s.row())));
            fault.put("message", "The instance is in ERROR; no reason was reported.");
            return fault;
        }
        fault.put("code", f.code());
        fault.put("created", Times.zulu(f.createdAt()));
        fault.put("message", f.message());
        // Nova shows details to admins always, and to owners only for non-500 faults
        if (f.details() != null && (c.admin() || f.code() != 500)) {
            fault.put("details", f.details());
        }
        return fault;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
