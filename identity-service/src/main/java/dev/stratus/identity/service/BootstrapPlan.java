package dev.stratus.identity.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the operator wants to exist at start-up, read from the bootstrap file: the role of
 * {@code keystone-manage bootstrap} plus DevStack's accounts and catalog. Only missing things are
 * created; passwords of existing users are left alone, catalog URLs follow the file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BootstrapPlan(
        String region,
        List<Project> projects,
        List<User> users,
        @JsonProperty("role_assignments") List<Assignment> roleAssignments,
        List<Service> services) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Project(String name, String domain, String description) {
    }

    /** A user; {@code options} are Keystone user options, as in {@code PATCH /v3/users} (see BootstrapUserOptions). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(String name, String domain, String password,
            @JsonProperty("default_project") String defaultProject, String email, JsonNode options) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Assignment(String user, String project, String role) {
    }

    /** A catalog service and its URL per interface (public, internal, admin). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Service(String type, String name, String description, Map<String, String> endpoints) {
    }

    public List<Project> projectsOrEmpty() {
        return projects == null ? List.of() : projects;
    }

    public List<User> usersOrEmpty() {
        return users == null ? List.of() : users;
    }

    public List<Assignment> assignmentsOrEmpty() {
        return roleAssignments == null ? List.of() : roleAssignments;
    }

    public List<Service> servicesOrEmpty() {
        return services == null ? List.of() : services;
    }
}
