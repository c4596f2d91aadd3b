package dev.stratus.compute.api.operator.rest;

import static dev.stratus.compute.api.view.ComputeVersions.MIGRATION_TYPE_AND_LINKS;
import static dev.stratus.compute.api.view.ComputeVersions.MIGRATION_USER_PROJECT;
import static dev.stratus.compute.api.view.ComputeVersions.MIGRATION_UUID_AND_PAGING;

import dev.stratus.common.web.Link;
import dev.stratus.compute.api.operator.persistence.MigrationRow;
import dev.stratus.compute.api.view.Times;
import dev.stratus.compute.api.view.VersionedFields;
import java.util.List;
import java.util.Set;

/** The body of os-migrations, per microversion; the context is the base URL links start from. */
final class MigrationViews {

    /** Live migrations in these states can be followed (and aborted) through their server's migrations URL. */
    private static final Set<String> LIVE_IN_PROGRESS = Set.of("queued", "preparing", "running", "post-migrating");

    static final VersionedFields<MigrationRow, String> MIGRATION = new VersionedFields<MigrationRow, String>()
            .always("id", (m, base) -> m.id())
            .in(MIGRATION_UUID_AND_PAGING, "uuid", (m, base) -> m.uuid())
            .always("instance_uuid", (m, base) -> m.instanceUuid())
            .always("status", (m, base) -> m.status())
            .always("source_compute", (m, base) -> m.sourceCompute())
            .always("source_node", (m, base) -> m.sourceNode())
            .always("dest_compute", (m, base) -> m.destCompute())
            .always("dest_node", (m, base) -> m.destNode())
            .always("dest_host", (m, base) -> m.destHost())
            .always("old_instance_type_id", (m, base) -> m.oldInstanceTypeId())
            .always("new_instance_type_id", (m, base) -> m.newInstanceTypeId())
            .always("created_at", (m, base) -> Times.micros(m.createdAt()))
            .always("updated_at", (m, base) -> Times.micros(m.updatedAt()))
            .in(MIGRATION_TYPE_AND_LINKS, "migration_type", (m, base) -> m.migrationType())
            .in(MIGRATION_TYPE_AND_LINKS, "links", MigrationViews::links)
            .in(MIGRATION_USER_PROJECT, "user_id", (m, base) -> m.userId())
            .in(MIGRATION_USER_PROJECT, "project_id", (m, base) -> m.projectId());

    private MigrationViews() {
    }

    private static Object links(MigrationRow m, String base) {
        if (!"live-migration".equals(m.migrationType()) || !LIVE_IN_PROGRESS.contains(m.status())
                || m.instanceUuid() == null) {
            return VersionedFields.OMIT;
        }
        String path = "/servers/" + m.instanceUuid() + "/migrations/" + m.id();
        return List.of(Link.of("self", base + "/v2.1" + path), Link.of("bookmark", base + path));
    }
}
