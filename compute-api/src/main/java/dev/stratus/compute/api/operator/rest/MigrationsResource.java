package dev.stratus.compute.api.operator.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.Link;
import dev.stratus.common.web.PageLinks;
import dev.stratus.common.web.PageRequest;
import dev.stratus.common.web.PublicUrls;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.operator.persistence.MigrationRecords;
import dev.stratus.compute.api.operator.persistence.MigrationRecords.Filter;
import dev.stratus.compute.api.operator.persistence.MigrationRow;
import dev.stratus.compute.api.view.ComputeVersions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /os-migrations}: resizes and migrations across the cloud, newest first, for operators. */
@Path("/v2.1/os-migrations")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationsResource {

    private static final Set<String> FILTERS = Set.of("hidden", "host", "instance_uuid", "source_compute", "status",
            "migration_type");

    private final Policy policy;
    private final RequestedMicroversion version;
    private final ApiSettings api;
    private final MigrationRecords migrations;

    public MigrationsResource(Policy policy, RequestedMicroversion version, ApiSettings api,
            MigrationRecords migrations) {
        this.policy = policy;
        this.version = version;
        this.api = api;
        this.migrations = migrations;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        policy.enforce("os_compute_api:os-migrations:index", Policy.admin());
        boolean paging = ComputeVersions.MIGRATION_UUID_AND_PAGING.contains(version.get());
        boolean before = ComputeVersions.MIGRATION_CHANGES_BEFORE.contains(version.get());
        boolean userProject = ComputeVersions.MIGRATION_USER_PROJECT.contains(version.get());
        if (paging) {
            // From 2.59 the query schema is closed: an unknown parameter is an error, not ignored.
            Set<String> allowed = new HashSet<>(FILTERS);
            allowed.addAll(Set.of("limit", "marker", "changes-since"));
            if (before) {
                allowed.add("changes-before");
            }
            if (userProject) {
                allowed.addAll(Set.of("user_id", "project_id"));
            }
            QueryParameters.onlyKnown(uri, allowed);
        }
        Instant since = paging ? time(uri, "changes-since") : null;
        Instant until = before ? time(uri, "changes-before") : null;
        if (since != null && until != null && until.isBefore(since)) {
            throw ApiException.badRequest("The value of changes-since must be less than or equal to changes-before.");
        }
        Filter filter = new Filter(QueryParameters.first(uri, "host"), QueryParameters.first(uri, "status"),
                QueryParameters.first(uri, "instance_uuid"), QueryParameters.first(uri, "source_compute"),
                QueryParameters.first(uri, "migration_type"), since, until,
                userProject ? QueryParameters.first(uri, "user_id") : null,
                userProject ? QueryParameters.first(uri, "project_id") : null);
        PageRequest page = paging
                ? PageRequest.of(QueryParameters.first(uri, "limit"), QueryParameters.first(uri, "marker"),
                        api.maxPageSize())
                : new PageRequest(Integer.MAX_VALUE - 1, null);
        List<MigrationRow> rows = migrations.list(filter, page.marker(), page.limit());
        boolean more = rows.size() > page.limit();
        if (more) {
            rows = rows.subList(0, page.limit());
        }
        String base = PublicUrls.base(api, uri);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("migrations", MigrationViews.MIGRATION.renderAll(rows, base, version.get()));
        if (paging && more && !rows.isEmpty()) {
            body.put("migrations_links", List.of(Link.of("next",
                    PageLinks.nextHref(uri, api.publicUrl().orElse(null), rows.get(rows.size() - 1).uuid()))));
        }
        return body;
    }

    private static Instant time(UriInfo uri, String name) {
        String value = QueryParameters.first(uri, name);
        return value == null ? null : QueryParameters.dateTime(name, value);
    }
}
