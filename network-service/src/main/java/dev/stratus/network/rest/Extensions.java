package dev.stratus.network.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Neutron API extensions this service implements, with neutron's own names, descriptions and dates, so
 * that clients and Tempest enable exactly what is there. Nothing is listed that does not work.
 */
public final class Extensions {

    public record Extension(String alias, String name, String description, String updated) {

        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("alias", alias);
            body.put("description", description);
            body.put("updated", updated);
            body.put("links", List.of());
            return body;
        }
    }

    public static final List<Extension> ALL = List.of(
            new Extension("agent", "agent", "The agent management extension.", "2013-02-03T10:00:00-00:00"),
            new Extension("allowed-address-pairs", "Allowed Address Pairs", "Provides allowed address pairs",
                    "2013-07-23T10:00:00-00:00"),
            new Extension("auto-allocated-topology", "Auto Allocated Topology Services",
                    "Auto Allocated Topology Services.", "2016-01-01T00:00:00-00:00"),
            new Extension("availability_zone", "Availability Zone", "The availability zone extension.",
                    "2015-01-01T10:00:00-00:00"),
            new Extension("binding", "Port Binding",
                    "Expose port bindings of a virtual port to external application", "2014-02-03T10:00:00-00:00"),
            new Extension("default-subnetpools", "Default Subnetpools",
                    "Provides ability to mark and use a subnetpool as the default.", "2016-02-18T18:00:00-00:00"),
            new Extension("dhcp_agent_scheduler", "DHCP Agent Scheduler", "Schedule networks among dhcp agents",
                    "2013-02-07T10:00:00-00:00"),
            new Extension("dns-integration", "DNS Integration", "Provides integration with DNS.",
                    "2015-08-15T18:00:00-00:00"),
            new Extension("external-net", "Neutron external network",
                    "Adds external network attribute to network resource.", "2013-01-14T10:00:00-00:00"),
            new Extension("ext-gw-mode", "Neutron L3 Configurable external gateway mode",
                    "Extension of the router abstraction for specifying whether SNAT should occur on the external "
                            + "gateway", "2013-03-28T10:00:00-00:00"),
            new Extension("extraroute", "Neutron Extra Route", "Extra routes configuration for L3 router",
                    "2013-02-01T10:00:00-00:00"),
            new Extension("extra_dhcp_opt", "Neutron Extra DHCP options", "Extra options configuration for DHCP. "
                    + "For example PXE boot options to DHCP clients can be specified (e.g. tftp-server, "
                    + "server-ip-address, bootfile-name)", "2013-03-17T12:00:00-00:00"),
            new Extension("filter-validation", "Filter parameters validation",
                    "Provides validation on filter parameters.", "2018-07-04T10:00:00-00:00"),
            new Extension("fip-port-details", "Floating IP Port Details Extension",
                    "Add port_details attribute to Floating IP resource", "2018-04-09T10:00:00-00:00"),
            new Extension("ip-substring-filtering", "IP address substring filtering",
                    "Provides IP address substring filtering when listing ports", "2017-11-28T09:00:00-00:00"),
            new Extension("metering", "Neutron Metering", "Neutron Metering extension.",
                    "2013-06-12T10:00:00-00:00"),
            new Extension("metering_source_and_destination_fields",
                    "Neutron Metering with source and destination filtering", "Neutron Metering extension that "
                            + "enables the use of source and destination IP prefixes to create metering label rules.",
                    "2020-08-21T08:12:00-00:00"),
            new Extension("net-mtu", "Network MTU", "Provides MTU attribute for a network resource.",
                    "2015-03-25T10:00:00-00:00"),
            new Extension("net-mtu-writable", "Network MTU (writable)",
                    "Provides a writable MTU attribute for a network resource.", "2017-07-12T00:00:00-00:00"),
            new Extension("network_availability_zone", "Network Availability Zone",
                    "Availability zone support for network.", "2015-01-01T10:00:00-00:00"),
            new Extension("pagination", "Pagination support", "Extension that indicates that pagination is enabled.",
                    "2016-06-12T00:00:00-00:00"),
            new Extension("port-security", "Port Security", "Provides port security", "2012-07-23T10:00:00-00:00"),
            new Extension("project-id", "project_id field enabled",
                    "Extension that indicates that project_id field is enabled.", "2016-09-09T09:09:09-09:09"),
            new Extension("provider", "Provider Network", "Expose mapping of virtual networks to physical networks",
                    "2012-09-07T10:00:00-00:00"),
            new Extension("quota_details", "Quota details management support",
                    "Expose functions for quotas usage statistics per project", "2017-02-10T10:00:00-00:00"),
            new Extension("quotas", "Quota management support", "Expose functions for quotas management per project",
                    "2012-07-29T10:00:00-00:00"),
            new Extension("router", "Neutron L3 Router", "Router abstraction for basic L3 forwarding between L2 "
                    + "Neutron networks and access to external networks via a NAT gateway.",
                    "2012-07-20T10:00:00-00:00"),
            new Extension("security-group", "security-group", "The security groups extension.",
                    "2012-10-05T10:00:00-00:00"),
            new Extension("service-type", "Neutron Service Type Management",
                    "API for retrieving service providers for Neutron advanced services", "2013-01-20T00:00:00-00:00"),
            new Extension("security-groups-normalized-cidr", "Normalized CIDR field for security group rules",
                    "Add new field with normalized remote_ip_prefix cidr in SG rule", "2020-07-28T10:00:00-00:00"),
            new Extension("sorting", "Sorting support", "Extension that indicates that sorting is enabled.",
                    "2016-06-12T00:00:00-00:00"),
            new Extension("subnetpool-prefix-ops", "Subnet Pool Prefix Operations",
                    "Provides support for adjusting the prefix list of subnet pools", "2019-02-08T10:00:00-00:00"),
            new Extension("subnet_allocation", "Subnet Allocation", "Enables allocation of subnets from a subnet pool",
                    "2015-03-30T10:00:00-00:00"),
            new Extension("standard-attr-description", "standard-attr-description",
                    "Extension to add descriptions to standard attributes", "2016-02-10T10:00:00-00:00"),
            new Extension("standard-attr-revisions", "Resource revision numbers",
                    "This extension will display the revision number of neutron resources.",
                    "2016-04-11T10:00:00-00:00"),
            new Extension("standard-attr-tag", "Tag support for resources with standard attribute: subnet, network, "
                    + "subnetpool, port, router, floatingip, security_group",
                    "Enables to set tag on resources with standard attribute.", "2017-01-01T00:00:00-00:00"),
            new Extension("standard-attr-timestamp", "Resource timestamps", "Adds created_at and updated_at fields to "
                    + "all Neutron resources that have Neutron standard attributes.", "2016-09-12T10:00:00-00:00"));

    private Extensions() {
    }

    public static Optional<Extension> find(String alias) {
        return ALL.stream().filter(e -> e.alias().equals(alias)).findFirst();
    }
}
