package dev.stratus.network.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** network-service's own configuration, {@code stratus.network.*}. */
@ConfigMapping(prefix = "stratus.network")
public interface NetworkSettings {

    /**
     * MTU of networks on the physical network (Neutron's {@code global_physnet_mtu}): flat, vlan and local
     * networks get it whole.
     */
    @WithDefault("1500")
    int defaultMtu();

    /** Bytes a VXLAN encapsulation takes from {@link #defaultMtu()} (IPv4 outer header: 50, so 1450). */
    @WithDefault("50")
    int vxlanOverhead();

    /**
     * Type given to a network created without {@code provider:network_type} (Neutron's
     * {@code tenant_network_types[0]}): {@code local}, {@code flat}, {@code vlan} or {@code vxlan}.
     */
    @WithDefault("local")
    String tenantNetworkType();

    /** First three octets of generated MAC addresses (Neutron's {@code base_mac}); the rest is random. */
    @WithDefault("fa:16:3e:00:00:00")
    String baseMac();

    /** Most fixed IPs one port may hold (Neutron's {@code max_fixed_ips_per_port}). */
    @WithDefault("5")
    int maxFixedIpsPerPort();

    /** Most allowed address pairs one port may hold (Neutron's {@code max_allowed_address_pair}). */
    @WithDefault("10")
    int maxAllowedAddressPairs();

    /** Most DNS name servers and host routes a subnet may hold (Neutron's {@code max_dns_nameservers}, ...). */
    @WithDefault("5")
    int maxDnsNameservers();

    @WithDefault("20")
    int maxSubnetHostRoutes();

    /**
     * Largest page a listing returns whatever {@code limit} asks (Neutron's {@code pagination_max_limit});
     * absent means no cap, as in Neutron, so that a listing without {@code limit} returns everything.
     */
    Optional<Integer> paginationMaxLimit();

    /** Availability zone reported for every network (there is one). */
    @WithDefault("nova")
    String availabilityZone();

    /**
     * Seconds without a report after which a network agent is shown not alive (Neutron's {@code agent_down_time})
     * and no longer given networks by the DHCP scheduler.
     */
    @WithDefault("75")
    int agentDownTime();

    /** DHCP agents a network with DHCP is scheduled to (Neutron's {@code dhcp_agents_per_network}). */
    @WithDefault("1")
    int dhcpAgentsPerNetwork();

    /**
     * Whether networks leave a DHCP agent dead for twice {@link #agentDownTime()} for alive ones (Neutron's
     * {@code allow_automatic_dhcp_failover}).
     */
    @WithDefault("true")
    boolean allowAutomaticDhcpFailover();

    /** Default limits of every project; {@code -1} is unlimited. */
    Quota quota();

    interface Quota {
        @WithDefault("100")
        int network();

        @WithDefault("100")
        int subnet();

        @WithDefault("500")
        int port();

        @WithDefault("10")
        int router();

        @WithDefault("50")
        int floatingip();

        @WithDefault("10")
        int securityGroup();

        @WithDefault("100")
        int securityGroupRule();
    }
}
