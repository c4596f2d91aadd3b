package dev.stratus.compute.api.view;

import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.VersionRange;

/**
 * The microversions that changed key pairs, server groups, limits, quotas, server diagnostics and the operator APIs
 * (os-services, os-hypervisors, os-aggregates, os-simple-tenant-usage, os-migrations), in one place (Nova's
 * version history for these resources). Request schemas, views and routes name these ranges instead of
 * comparing numbers. The configured maximum is 2.93, Nova's in Zed.
 */
public final class ComputeVersions {

    /** Query parameters outside a list's schema are a 400 from here on (before, they are ignored). */
    public static final VersionRange STRICT_QUERY = VersionRange.since("2.75");

    // os-keypairs
    /** Key pair {@code type} (ssh, x509) in bodies; create answers 201 and delete 204 instead of 200/202. */
    public static final VersionRange KEYPAIR_TYPE = VersionRange.since("2.2");
    /** Admins name another user: {@code user_id} in the create body and as a query parameter. */
    public static final VersionRange KEYPAIR_USER_ID = VersionRange.since("2.10");
    /** {@code limit} and {@code marker} on the list, with {@code keypairs_links}. */
    public static final VersionRange KEYPAIR_PAGING = VersionRange.since("2.35");
    /** Names may also hold '@' and '.'; the server no longer generates keys (public_key is required). */
    public static final VersionRange KEYPAIR_IMPORT_ONLY = VersionRange.since("2.92");
    public static final VersionRange KEYPAIR_GENERATION = VersionRange.between("2.1", "2.91");

    // os-server-groups
    /** {@code project_id} and {@code user_id} in server group bodies. */
    public static final VersionRange SERVER_GROUP_OWNER = VersionRange.since("2.13");
    /** soft-affinity and soft-anti-affinity may be requested. */
    public static final VersionRange SERVER_GROUP_SOFT_POLICIES = VersionRange.since("2.15");
    /** A one-item {@code policies} list and an always-empty {@code metadata}... */
    public static final VersionRange SERVER_GROUP_POLICY_LIST = VersionRange.between("2.1", "2.63");
    /** ...replaced by one {@code policy} and its {@code rules} (max_server_per_host). */
    public static final VersionRange SERVER_GROUP_POLICY_RULES = VersionRange.since("2.64");

    // createImage and the /images proxy
    /** createImage answers {@code {"image_id"}} instead of a Location header. */
    public static final VersionRange IMAGE_ID_IN_BODY = VersionRange.since("2.45");
    /** createImage's metadata counts against metadata_items. */
    public static final VersionRange IMAGE_METADATA_QUOTA = VersionRange.between("2.1", "2.38");
    /** The {@code /images} proxy to Glance (removed from 2.36 on, as the other proxies). */
    public static final VersionRange IMAGE_PROXY = VersionRange.between("2.1", "2.35");

    // unshelve
    /** unshelve takes {@code {"availability_zone"}} (a name). */
    public static final VersionRange UNSHELVE_ZONE = VersionRange.between("2.77", "2.90");
    /** ...and from here also an admin's {@code host}, and {@code "availability_zone": null} to unpin the server. */
    public static final VersionRange UNSHELVE_TO_HOST = VersionRange.since("2.91");

    // os-hosts
    /** The deprecated os-hosts API (removed in 2.43: os-services and os-hypervisors replace it). */
    public static final VersionRange OS_HOSTS = VersionRange.between("2.1", "2.42");

    // os-server-external-events: the event names each microversion accepts
    /** volume-extended (Cinder's extended volumes). */
    public static final VersionRange EVENT_VOLUME_EXTENDED = VersionRange.since("2.51");
    /** power-update (Ironic's power state changes). */
    public static final VersionRange EVENT_POWER_UPDATE = VersionRange.since("2.76");
    /** accelerator-request-bound (Cyborg's accelerators). */
    public static final VersionRange EVENT_ACCELERATOR_BOUND = VersionRange.since("2.82");
    /** volume-reimaged (rebuilds of volume-backed servers). */
    public static final VersionRange EVENT_VOLUME_REIMAGED = VersionRange.since("2.93");

    // the network proxies to network-service (os-security-groups, os-security-group-rules, os-floating-ips,
    // os-floating-ip-pools)
    /** The proxies answer up to 2.35 and are a 404 from 2.36 on, as in Nova. */
    public static final VersionRange NETWORK_PROXY = VersionRange.between("2.1", "2.35");
    /** The addFloatingIp and removeFloatingIp server actions (removed in 2.44). */
    public static final VersionRange FLOATING_IP_ACTIONS = VersionRange.between("2.1", "2.43");

    // limits
    /** maxTotalFloatingIps, maxSecurityGroups, maxSecurityGroupRules and their usage (nova-network). */
    public static final VersionRange LIMITS_NETWORK = VersionRange.between("2.1", "2.35");
    public static final VersionRange LIMITS_IMAGE_META = VersionRange.between("2.1", "2.38");
    /** maxPersonality, maxPersonalitySize (file injection went away in 2.57). */
    public static final VersionRange LIMITS_PERSONALITY = VersionRange.between("2.1", "2.56");

    // os-quota-sets
    /** fixed_ips, floating_ips, security_groups, security_group_rules. */
    public static final VersionRange QUOTA_NETWORK = VersionRange.between("2.1", "2.35");
    /** injected_files, injected_file_content_bytes, injected_file_path_bytes. */
    public static final VersionRange QUOTA_INJECTED_FILES = VersionRange.between("2.1", "2.56");

    // os-quota-class-sets
    public static final VersionRange QUOTA_CLASS_NETWORK = VersionRange.between("2.1", "2.49");
    /** server_groups and server_group_members shown in class sets (v2.1 had left them out). */
    public static final VersionRange QUOTA_CLASS_SERVER_GROUPS = VersionRange.since("2.50");

    // os-services and os-hypervisors
    /** Services, hypervisors and a hypervisor's service are named by integer id... */
    public static final VersionRange OPERATOR_INTEGER_IDS = VersionRange.between("2.1", "2.52");
    /** ...and by uuid from 2.53. */
    public static final VersionRange OPERATOR_UUID_IDS = VersionRange.since("2.53");

    // os-services
    /** {@code forced_down} in service bodies and {@code PUT /os-services/force-down}. */
    public static final VersionRange SERVICE_FORCED_DOWN = VersionRange.since("2.11");
    /** {@code PUT /os-services/{uuid}} with status, disabled_reason, forced_down, in place of the action URLs. */
    public static final VersionRange SERVICE_UPDATE_BY_ID = VersionRange.since("2.53");

    // os-hypervisors
    public static final VersionRange CPU_INFO_STRING = VersionRange.between("2.1", "2.27");
    public static final VersionRange CPU_INFO_OBJECT = VersionRange.between("2.28", "2.87");
    /** Paging of the hypervisor lists. */
    public static final VersionRange HYPERVISOR_PAGING = VersionRange.since("2.33");
    /** {@code /os-hypervisors/{pattern}/search} and {@code /os-hypervisors/{pattern}/servers}... */
    public static final VersionRange HYPERVISOR_SEARCH_URLS = VersionRange.between("2.1", "2.52");
    /** ...replaced by {@code ?hypervisor_hostname_pattern=} and {@code ?with_servers=} on the lists and show. */
    public static final VersionRange HYPERVISOR_QUERY_FILTERS = VersionRange.since("2.53");
    /** Servers asked for are shown only when there are some... */
    public static final VersionRange HYPERVISOR_SERVERS_WHEN_SOME = VersionRange.between("2.1", "2.74");
    /** ...and as {@code servers: []} when there are none. */
    public static final VersionRange HYPERVISOR_EMPTY_SERVERS = VersionRange.since("2.75");
    /** Capacity fields, statistics and the uptime URL; 2.88 removed them... */
    public static final VersionRange HYPERVISOR_CAPACITY = VersionRange.between("2.1", "2.87");
    /** ...and shows the host's {@code uptime} in the detail body. */
    public static final VersionRange HYPERVISOR_UPTIME_FIELD = VersionRange.since("2.88");

    // os-aggregates
    public static final VersionRange AGGREGATE_UUID = VersionRange.since("2.41");

    // os-simple-tenant-usage
    public static final VersionRange USAGE_PAGING = VersionRange.since("2.40");

    // server diagnostics
    /** The standard diagnostics body (state, driver, cpu_details, ...) instead of the driver's free-form one. */
    public static final VersionRange STANDARD_DIAGNOSTICS = VersionRange.since("2.48");

    // remote consoles
    /** The os-getVNCConsole (and SPICE, RDP, serial) server actions, replaced in 2.6... */
    public static final VersionRange CONSOLE_ACTIONS = VersionRange.between("2.1", "2.5");
    /** ...by {@code POST /servers/{id}/remote-consoles}. */
    public static final VersionRange REMOTE_CONSOLES = VersionRange.since("2.6");
    /** The mks protocol and webmks type in remote-consoles bodies. */
    public static final VersionRange REMOTE_CONSOLE_MKS = VersionRange.since("2.8");
    /** {@code GET /os-console-auth-tokens/{token}} answers for every console type (before, only rdp-html5: 400). */
    public static final VersionRange CONSOLE_AUTH_TOKENS = VersionRange.since("2.31");

    // os-migrations
    /** {@code migration_type}, and links for live migrations in progress. */
    public static final VersionRange MIGRATION_TYPE_AND_LINKS = VersionRange.since("2.23");
    /** {@code uuid}, paging, {@code changes-since} and a closed query schema. */
    public static final VersionRange MIGRATION_UUID_AND_PAGING = VersionRange.since("2.59");
    public static final VersionRange MIGRATION_CHANGES_BEFORE = VersionRange.since("2.66");
    public static final VersionRange MIGRATION_USER_PROJECT = VersionRange.since("2.80");

    private ComputeVersions() {
    }

    /** A URL that exists only in {@code range}: any other microversion gets Nova's 404. */
    public static void requireRoute(ApiVersion requested, VersionRange range) {
        if (!range.contains(requested)) {
            throw ApiException.notFound("The resource could not be found.");
        }
    }
}
