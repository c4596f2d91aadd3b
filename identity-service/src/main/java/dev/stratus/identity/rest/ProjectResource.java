package dev.stratus.identity.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.auth.RevocationEvent;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.identity.persistence.Ids;
import dev.stratus.identity.persistence.ProjectEntity;
import dev.stratus.identity.persistence.InheritedRoleAssignmentEntity;
import dev.stratus.identity.persistence.RoleAssignmentEntity;
import dev.stratus.identity.service.Directory;
import dev.stratus.identity.service.Revocations;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.Map;

@Path("/v3/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private final Policy policy;
    @jakarta.inject.Inject
    GrantResource grants;
    private final ApiSettings api;
    private final Directory directory;
    private final Revocations revocations;
    private final DomainsAsProjects domainProjects;

    public ProjectResource(Policy policy, ApiSettings api, Directory directory, Revocations revocations,
            DomainsAsProjects domainProjects) {
        this.policy = policy;
        this.api = api;
        this.directory = directory;
        this.revocations = revocations;
        this.domainProjects = domainProjects;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@QueryParam("name") String name, @QueryParam("domain_id") String domainId,
            @QueryParam("enabled") String enabled, @QueryParam("parent_id") String parentId,
            @QueryParam("tags") String tags, @QueryParam("tags-any") String tagsAny,
            @QueryParam("is_domain") String isDomain, @Context UriInfo uri) {
        policy.enforce("identity:list_projects", Policy.admin());
        Boolean enabledFilter = Bodies.enabledFilter(enabled);
        String base = PublicUrls.base(api, uri);
        // As Keystone: domains are the projects acting as domains, listed only with is_domain=true; without the
        // filter the list holds the other projects only.
        if (Boolean.TRUE.equals(Bodies.booleanFilter("is_domain", isDomain))) {
            return domainProjects.list(name, enabledFilter,
                    domainId != null || parentId != null || tags != null || tagsAny != null, base)
                    .map(domains -> Views.collection("projects", domains, base + "/v3/projects"));
        }
        return ProjectEntity.<ProjectEntity>listAll().map(all -> Views.collection("projects", all.stream()
                .filter(p -> name == null || p.name.equals(name))
                .filter(p -> domainId == null || p.domainId.equals(domainId))
                .filter(p -> enabledFilter == null || p.enabled == enabledFilter)
                .filter(p -> parentId == null || parentId.equals(p.parentId != null ? p.parentId : p.domainId))
                .filter(p -> tags == null || JsonColumns.tags(p.tags).containsAll(java.util.List.of(tags.split(","))))
                .filter(p -> tagsAny == null || java.util.List.of(tagsAny.split(",")).stream()
                        .anyMatch(JsonColumns.tags(p.tags)::contains))
                .sorted(Comparator.comparing(p -> p.name))
                .map(p -> Views.project(p, base)).toList(), base + "/v3/projects"));
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @Context UriInfo uri) {
        policy.enforce("identity:get_project", Policy.projectReader(id));
        String base = PublicUrls.base(api, uri);
        return directory.projectOrDomain(id).map(found -> Map.of("project", found.isDomain()
                ? Views.domainAsProject(found.domain(), base) : Views.project(found.project(), base)));
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:create_project", Policy.admin());
        JsonNode p = Bodies.member(body, "project");
        if (Boolean.TRUE.equals(Bodies.bool(p, "is_domain"))) {
            return domainProjects.create(p, PublicUrls.base(api, uri)).map(view -> Creation.created("project", view));
        }
        ProjectEntity project = new ProjectEntity();
        project.id = Ids.newId();
        project.name = Bodies.requiredName(p, 64);
        project.description = Bodies.text(p, "description");
        project.enabled = !Boolean.FALSE.equals(Bodies.bool(p, "enabled"));
        project.tags = JsonColumns.tagsFrom(p.get("tags"));
        String domainId = Bodies.text(p, "domain_id");
        String parentId = Bodies.text(p, "parent_id");
        Uni<String> resolvedDomain;
        if (parentId != null && !parentId.equals(domainId)) {
            resolvedDomain = ProjectEntity.<ProjectEntity>findById(parentId).map(parent -> {
                if (parent == null) {
                    // A parent that is a domain: the project sits at the top of that domain.
                    return null;
                }
                if (domainId != null && !domainId.equals(parent.domainId)) {
                    throw ApiException.badRequest("Cannot create project, the parent (" + parentId
                            + ") is in a different domain (" + parent.domainId + ").");
                }
                project.parentId = parent.id;
                return parent.domainId;
            }).chain(d -> d != null ? Uni.createFrom().item(d)
                    : directory.domain(parentId).map(dom -> dom.id));
        } else {
            resolvedDomain = directory.domain(domainId != null ? domainId : defaultDomainOf())
                    .map(d -> d.id);
        }
        return resolvedDomain.chain(domain -> {
            project.domainId = domain;
            return ProjectEntity.count("domainId = ?1 and name = ?2", domain, project.name);
        }).chain(n -> {
            if (n > 0) {
                return Uni.createFrom().failure(ApiException.conflict(
                        "Conflict occurred attempting to store project - it is not permitted to have two projects"
                                + " with the same name in the same domain : " + project.name + "."));
            }
            return project.<ProjectEntity>persist();
        }).map(saved -> Response.status(201)
                .entity(Map.of("project", Views.project(saved, PublicUrls.base(api, uri)))).build());
    }

    private String defaultDomainOf() {
        String fromToken = policy.caller().projectDomainId();
        return fromToken != null ? fromToken : "default";
    }

    @PATCH
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body, @Context UriInfo uri) {
        policy.enforce("identity:update_project", Policy.admin());
        JsonNode p = Bodies.member(body, "project");
        return directory.projectOrDomain(id).chain(found -> found.isDomain()
                ? domainProjects.update(found.domain(), p, PublicUrls.base(api, uri))
                        .map(view -> Map.<String, Object>of("project", view))
                : update(found.project(), p, uri));
    }

    private Uni<Map<String, Object>> update(ProjectEntity project, JsonNode p, UriInfo uri) {
        String id = project.id;
        String newName = Bodies.has(p, "name") ? Bodies.requiredName(p, 64) : project.name;
        if (Bodies.has(p, "domain_id") && !project.domainId.equals(Bodies.text(p, "domain_id"))) {
            throw ApiException.badRequest("Cannot change Domain ID");
        }
        String parent = project.parentId != null ? project.parentId : project.domainId;
        if (Bodies.has(p, "parent_id") && !parent.equals(Bodies.text(p, "parent_id"))) {
            throw ApiException.forbidden("Update of `parent_id` is not allowed.");
        }
        if (Boolean.TRUE.equals(Bodies.bool(p, "is_domain"))) {
            throw ApiException.badRequest("Update of `is_domain` is not allowed.");
        }
        Uni<Long> clash = newName.equals(project.name) ? Uni.createFrom().item(0L)
                : ProjectEntity.count("domainId = ?1 and name = ?2", project.domainId, newName);
        return clash.chain(n -> {
            if (n > 0) {
                return Uni.createFrom().failure(ApiException.conflict(
                        "Conflict occurred attempting to store project - it is not permitted to have two"
                                + " projects with the same name in the same domain : " + newName + "."));
            }
            project.name = newName;
            if (Bodies.has(p, "description")) {
                project.description = Bodies.text(p, "description");
            }
            if (Bodies.has(p, "tags")) {
                project.tags = JsonColumns.tagsFrom(p.get("tags"));
            }
            Boolean enabled = Bodies.bool(p, "enabled");
            boolean disabling = Boolean.FALSE.equals(enabled) && project.enabled;
            if (enabled != null) {
                project.enabled = enabled;
            }
            Uni<Void> revoke = disabling ? revocations.revoke(RevocationEvent.ofProject(id))
                    : Uni.createFrom().voidItem();
            return revoke.map(x -> Map.<String, Object>of("project",
                    Views.project(project, PublicUrls.base(api, uri))));
        });
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.enforce("identity:delete_project", Policy.admin());
        return directory.projectOrDomain(id).chain(found -> found.isDomain()
                ? domainProjects.delete(found.domain()).map(ignored -> Response.noContent().build())
                : deleteProject(id));
    }

    private Uni<Response> deleteProject(String id) {
        return directory.project(id)
                .call(project -> ProjectEntity.count("parentId", id).invoke(children -> {
                    if (children > 0) {
                        throw ApiException.forbidden("Cannot delete the project " + id
                                + " since it is not a leaf in the hierarchy. Use the cascade option if you want"
                                + " to delete a whole subtree.");
                    }
                }))
                .call(project -> RoleAssignmentEntity.delete("targetType = ?1 and targetId = ?2",
                        RoleAssignmentEntity.PROJECT, id))
                .call(project -> InheritedRoleAssignmentEntity.delete("targetType = ?1 and targetId = ?2",
                        RoleAssignmentEntity.PROJECT, id))
                .call(project -> Directory.requireDeleted(ProjectEntity.delete("id", id), "project", id))
                .call(project -> revocations.revoke(RevocationEvent.ofProject(id)))
                .map(ignored -> Response.noContent().build());
    }

    /** {@code {id}/users/{userId}/roles}: the user's role grants on this target. */
    @Path("{targetId}/users/{actorId}/roles")
    public GrantResource grants() {
        return grants;
    }

    /** {@code {id}/groups/{groupId}/roles}: a group's role grants on this target. */
    @Path("{targetId}/groups/{actorId}/roles")
    public GrantResource groupGrants() {
        return grants;
    }
}
