package dev.stratus.network.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.DefaultRoles;

/**
 * Who makes a request, in Neutron's terms: a cloud admin, a service (compute-api, a compute node: may read
 * every port and bind them), or a member or reader of one project.
 */
public record Caller(String projectId, boolean admin, boolean service, boolean member, boolean reader) {

    public static Caller of(AuthContext auth) {
        var roles = auth.roles();
        return new Caller(auth.projectId() == null ? "" : auth.projectId(), DefaultRoles.grants(roles, DefaultRoles.ADMIN),
                roles.contains(DefaultRoles.SERVICE), DefaultRoles.grants(roles, DefaultRoles.MEMBER),
                DefaultRoles.grants(roles, DefaultRoles.READER));
    }

    /** Admins and services see every project's resources. */
    public boolean seesAll() {
        return admin || service;
    }

    /** Admin or service: may bind ports and set their host-side attributes. */
    public boolean adminOrService() {
        return admin || service;
    }

    public boolean owns(String resourceProjectId) {
        return projectId.equals(resourceProjectId);
    }

    /** May change a resource of the project: admin, or a member of that project. */
    public boolean canWrite(String resourceProjectId) {
        return admin || (member && owns(resourceProjectId));
    }

    /** May read a resource of the project: admin, service, or a reader of that project. */
    public boolean canRead(String resourceProjectId) {
        return seesAll() || (reader && owns(resourceProjectId));
    }
}
