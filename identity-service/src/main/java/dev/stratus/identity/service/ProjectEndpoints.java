package dev.stratus.identity.service;

import dev.stratus.identity.persistence.EndpointEntity;
import dev.stratus.identity.persistence.EndpointGroupEntity;
import dev.stratus.identity.persistence.ProjectEndpointEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The endpoints a project is associated with (OS-EP-FILTER): its own associations, then the endpoints of its
 * endpoint groups, as Keystone's {@code list_endpoints_for_project} gathers them (disabled endpoints included).
 */
@ApplicationScoped
public class ProjectEndpoints {

    public Uni<List<EndpointEntity>> of(String projectId) {
        return EndpointEntity.<EndpointEntity>listAll().chain(all -> of(projectId, all));
    }

    /** @param all every endpoint of the catalog, from which the group filters pick */
    public Uni<List<EndpointEntity>> of(String projectId, List<EndpointEntity> all) {
        return ProjectEndpointEntity.<ProjectEndpointEntity>list("projectId = ?1 order by createdAt, endpointId",
                projectId).chain(direct -> groupsOf(projectId).map(groups -> {
                    Map<String, EndpointEntity> byId = all.stream()
                            .collect(Collectors.toMap(e -> e.id, Function.identity()));
                    Map<String, EndpointEntity> found = new LinkedHashMap<>();
                    direct.stream().map(row -> byId.get(row.endpointId)).filter(e -> e != null)
                            .forEach(e -> found.put(e.id, e));
                    groups.forEach(group -> EndpointFilters.fromJson(group.filters).select(all)
                            .forEach(e -> found.putIfAbsent(e.id, e)));
                    return List.copyOf(found.values());
                }));
    }

    public Uni<List<EndpointGroupEntity>> groupsOf(String projectId) {
        return EndpointGroupEntity.list("id in (select a.endpointGroupId from ProjectEndpointGroupEntity a"
                + " where a.projectId = ?1) order by createdAt, id", projectId);
    }
}
