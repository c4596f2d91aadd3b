package dev.stratus.network.api;

/**
 * One of a port's extra DHCP options (extra_dhcp_opt extension). In a request a null {@code optValue} asks for
 * the option's removal; a stored option always has a value (possibly empty for {@code router} and
 * {@code classless-static-route}).
 *
 * @param ipVersion 4 or 6; 4 when the request leaves it out, as Neutron stores it
 */
public record ExtraDhcpOpt(String optName, String optValue, int ipVersion) {

    /** The same option and IP version: what a request's entry updates or removes. */
    public boolean sameOption(ExtraDhcpOpt other) {
        return optName.equals(other.optName) && ipVersion == other.ipVersion;
    }
}
