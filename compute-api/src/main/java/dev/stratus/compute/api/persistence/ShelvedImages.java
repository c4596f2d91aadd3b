package dev.stratus.compute.api.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Which image holds a shelved server's disk ({@code instances.shelved_image_id}). */
@ApplicationScoped
public class ShelvedImages {

    private final Db sql;

    public ShelvedImages(Db sql) {
        this.sql = sql;
    }

    public void set(String instanceUuid, String imageId) {
        sql.update("update instances set shelved_image_id = ? where uuid = ?", imageId, instanceUuid);
    }

    public Optional<String> of(String instanceUuid) {
        return sql.one("select shelved_image_id from instances where uuid = ? and shelved_image_id is not null",
                rs -> rs.getString(1), instanceUuid);
    }

    /**
     * The shelved image of a server that runs again (unshelved: active or stopped, no task), forgotten here so
     * that it is deleted once; empty when there is none or the server is not back yet.
     */
    public Optional<String> takeIfUnshelved(String instanceUuid) {
        return take(instanceUuid, " and vm_state in ('active', 'stopped') and task_state is null");
    }

    /** The shelved image of a server that is gone, forgotten here so that it is deleted once. */
    public Optional<String> take(String instanceUuid) {
        return take(instanceUuid, "");
    }

    private Optional<String> take(String instanceUuid, String condition) {
        return sql.one("with old as (select uuid, shelved_image_id from instances where uuid = ?"
                + " and shelved_image_id is not null" + condition + " for update)"
                + " update instances i set shelved_image_id = null from old where i.uuid = old.uuid"
                + " returning old.shelved_image_id", rs -> rs.getString(1), instanceUuid);
    }
}
