package dev.stratus.compute.node.network.plan;

/**
 * One of a port's extra DHCP options (Neutron's extra_dhcp_opts), as its network's DHCP server answers it to
 * that port alone. Name and value are kept to their first line, as Neutron's DHCP agent keeps them: each ends
 * up inside one line of a dnsmasq file.
 *
 * @param name a dnsmasq option name ({@code tftp-server}) or number ({@code 66}), possibly preceded by a tag
 *        condition ({@code tag:ipxe,bootfile-name}); {@code client-id} (61) becomes the host entry's client id
 * @param value the option's value; empty for an option sent without one (e.g. {@code router})
 * @param ipVersion 4 for DHCPv4, 6 for DHCPv6
 */
public record DhcpOption(String name, String value, int ipVersion) {

    public DhcpOption {
        name = firstLine(name).strip();
        value = value == null ? "" : firstLine(value);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a DHCP option needs a name");
        }
        if (ipVersion != 4 && ipVersion != 6) {
            throw new IllegalArgumentException("not an IP version for DHCP option " + name + ": " + ipVersion);
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
