package dev.stratus.compute.api.rest;

import static dev.stratus.compute.api.view.ComputeVersions.MIGRATION_USER_PROJECT;
import static dev.stratus.compute.api.view.ComputeVersions.MIGRATION_UUID_AND_PAGING;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.operator.persistence.MigrationRecords;
import dev.stratus.compute.api.operator.persistence.MigrationRow;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.ComputeRules;
import dev.stratus.compute.api.service.LiveMigrationControls;
import dev.stratus.compute.api.service.ServerLookup;
import dev.stratus.compute.api.view.Times;
import dev.stratus.compute.api.view.VersionedFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code /v2.1/servers/{id}/migrations}: the server's live migrations in progress (2.23), one of them (2.23),
 * {@code force_complete} (2.22) and abort (2.24), as Nova answers them; admin-only by default.
 */
@Path("/v2.1/servers/{id}/migrations")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerMigrationsResource {

    private static final VersionedFields<MigrationRow, Void> VIEW = new VersionedFields<MigrationRow, Void>()
            .always("created_at", (m, c) -> Times.micros(m.createdAt()))
            .always("dest_compute", (m, c) -> m.destCompute())
            .always("dest_host", (m, c) -> m.destHost())
            .always("dest_node", (m, c) -> m.destNode())
            .always("disk_processed_bytes", (m, c) -> null)
            .always("disk_remaining_bytes", (m, c) -> null)
            .always("disk_total_bytes", (m, c) -> null)
            .always("id", (m, c) -> m.id())
            .always("memory_processed_bytes", (m, c) -> null)
            .always("memory_remaining_bytes", (m, c) -> null)
            .always("memory_total_bytes", (m, c) -> null)
            .always("server_uuid", (m, c) -> m.instanceUuid())
            .always("source_compute", (m, c) -> m.sourceCompute())
            .always("source_node", (m, c) -> m.sourceNode())
            .always("status", (m, c) -> m.status())
            .always("updated_at", (m, c) -> Times.micros(m.updatedAt()))
            .in(MIGRATION_UUID_AND_PAGING, "uuid", (m, c) -> m.uuid())
            .in(MIGRATION_USER_PROJECT, "user_id", (m, c) -> m.userId())
            .in(MIGRATION_USER_PROJECT, "project_id", (m, c) -> m.projectId());

    private final ServerLookup lookup;
    private final MigrationRecords migrations;
    private final LiveMigrationControls controls;
    private final Policy policy;
    private final RequestedMicroversion version;

    public ServerMigrationsResource(ServerLookup lookup, MigrationRecords migrations, LiveMigrationControls controls,
            Policy policy, RequestedMicroversion version) {
        this.lookup = lookup;
        this.migrations = migrations;
        this.controls = controls;
        this.policy = policy;
        this.version = version;
    }

    @GET
    public Map<String, Object> list(@PathParam("id") String id) {
        InstanceRow row = read(id, "os_compute_api:servers:migrations:index");
        return Map.of("migrations", VIEW.renderAll(migrations.liveInProgress(row.uuid()), null, version.get()));
    }

    @GET
    @Path("{migrationId}")
    public Map<String, Object> show(@PathParam("id") String id, @PathParam("migrationId") String migrationId) {
        InstanceRow row = read(id, "os_compute_api:servers:migrations:show");
        MigrationRow m = parseId(migrationId).flatMap(n -> migrations.ofInstance(row.uuid(), n))
                .orElseThrow(() -> ApiException.notFound("In-progress live migration " + migrationId
                        + " is not found for server " + id + "."));
        if (!"live-migration".equals(m.migrationType())) {
            throw ApiException.notFound("Migration " + migrationId + " for server " + id + " is not live-migration.");
        }
        if (!MigrationRecords.LIVE_IN_PROGRESS.contains(m.status())) {
            throw ApiException.notFound("Live migration " + migrationId + " for server " + id
                    + " is not in progress.");
        }
        return Map.of("migration", VIEW.render(m, null, version.get()));
    }

    @POST
    @Path("{migrationId}/action")
    public Response action(@PathParam("id") String id, @PathParam("migrationId") String migrationId,
            JsonNode body) {
        since("2.22");
        if (body == null || !body.isObject() || !body.has("force_complete")) {
            throw ApiException.badRequest("Invalid input for field/attribute force_complete. Value: " + body
                    + ". 'force_complete' is a required property");
        }
        Bodies.onlyKnown(body, java.util.Set.of("force_complete"));
        if (!body.get("force_complete").isNull()) {
            throw Bodies.invalid("force_complete", body.get("force_complete"), "is not of type 'null'");
        }
        AuthContext caller = policy.caller();
        controls.forceComplete(caller, id, parseId(migrationId).orElse(-1), migrationId);
        return Response.accepted().build();
    }

    @DELETE
    @Path("{migrationId}")
    public Response abort(@PathParam("id") String id, @PathParam("migrationId") String migrationId) {
        since("2.24");
        controls.abort(policy.caller(), id, parseId(migrationId).orElse(-1), migrationId,
                version.get().atLeast("2.65"));
        return Response.accepted().build();
    }

    private InstanceRow read(String id, String rule) {
        since("2.23");
        InstanceRow row = lookup.visible(policy.caller(), id);
        policy.enforce(rule, ComputeRules.admin());
        return row;
    }

    private void since(String microversion) {
        if (!version.atLeast(microversion)) {
            throw ApiException.notFound("The resource could not be found.");
        }
    }

    private static java.util.Optional<Integer> parseId(String text) {
        return text.matches("\\d{1,9}") ? java.util.Optional.of(Integer.valueOf(text)) : java.util.Optional.empty();
    }
}
