package dev.stratus.common.network;

import dev.stratus.common.messaging.MessageType;
import java.util.List;

/**
 * network-service to every host and to compute-api, after the change committed: these resources changed.
 * {@code hosts} names the hosts whose plumbing is affected when network-service knows them (a port's binding
 * host, old and new); empty means any host may be (a security group's rules, a subnet, a router, a metering label and its rules).
 * {@code deviceIds} are the devices (servers) whose ports changed, for compute-api's address cache.
 */
public record NetworkChange(Kind kind, List<String> ids, List<String> hosts, List<String> deviceIds) {

    public static final MessageType<NetworkChange> TYPE =
            MessageType.of("network_change", "1.0", NetworkChange.class);

    public enum Kind { NETWORK, SUBNET, PORT, SECURITY_GROUP, ROUTER, FLOATING_IP, METERING_LABEL }

    public NetworkChange {
        ids = ids == null ? List.of() : List.copyOf(ids);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
    }

    /** Whether a host named {@code host} must look again. */
    public boolean concerns(String host) {
        return hosts.isEmpty() || hosts.contains(host);
    }
}
