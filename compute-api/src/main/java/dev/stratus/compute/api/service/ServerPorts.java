package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.compute.api.persistence.NicRow;
import java.util.Collection;
import java.util.List;

/** The ports of servers in network-service: made when a server is created, given back when it is gone. */
public interface ServerPorts {

    /**
     * Creates a port for each NIC that names a network, and attaches each port the user passed in, to the
     * instance; all or nothing (what was done is undone on failure).
     *
     * @param securityGroupIds the groups of the new ports; empty means the project's default group
     * @return the NICs with their ports, MACs and addresses
     * @throws PortAllocationException with a message a person can act on (no address left, quota, ...)
     */
    List<NicRow> allocate(AuthContext caller, String instanceUuid, String zone, List<NicRow> nics,
            List<String> securityGroupIds);

    /** After the instances were deleted: their own ports are deleted, the ports passed in detached. */
    void release(Collection<String> instanceUuids);

    /**
     * Gives one port of an instance back now (an interface detach, or an attach that failed): deletes it when
     * compute-api made it (Nova's {@code preserve_on_delete} false), else clears its device and host binding.
     *
     * @throws PortAllocationException when network-service refuses or cannot be reached
     */
    void giveBack(NicRow nic);

    /** Adds ({@code add}) or removes a security group on every port of the instance. */
    void changeSecurityGroup(AuthContext caller, String instanceUuid, String groupId, boolean add);

    /** Re-reads the addresses of these instances' ports (fixed and floating) into their NICs. */
    void refresh(Collection<String> instanceUuids);

    /** A NIC's port could not be made or attached; nothing of the instance's ports is left behind. */
    class PortAllocationException extends RuntimeException {
        public PortAllocationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Without network-service: NICs stay as requested, nothing to give back. */
    ServerPorts NONE = new ServerPorts() {
        @Override
        public List<NicRow> allocate(AuthContext caller, String instanceUuid, String zone, List<NicRow> nics,
                List<String> securityGroupIds) {
            return nics;
        }

        @Override
        public void release(Collection<String> instanceUuids) {
        }

        @Override
        public void giveBack(NicRow nic) {
        }

        @Override
        public void changeSecurityGroup(AuthContext caller, String instanceUuid, String groupId, boolean add) {
        }

        @Override
        public void refresh(Collection<String> instanceUuids) {
        }
    };
}
