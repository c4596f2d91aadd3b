package dev.stratus.compute.api.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The availability zone a server is pinned to ({@code instances.requested_availability_zone}, Nova's
 * {@code RequestSpec.availability_zone}): the zone its create asked for, or the one its last unshelve named. Every
 * later scheduling of the server (resize, cold and live migration, unshelve) stays in it; null means any zone.
 */
@ApplicationScoped
public class PinnedZones {

    private final Db sql;

    public PinnedZones(Db sql) {
        this.sql = sql;
    }

    /** Pins the servers created by one request to the zone it asked for (nothing to write when it asked none). */
    public void pin(List<String> instanceUuids, String zone) {
        if (zone != null && !instanceUuids.isEmpty()) {
            sql.update("update instances set requested_availability_zone = ? where uuid = any(?)", zone,
                    (Object) instanceUuids.toArray(String[]::new));
        }
    }

    /** A new pin (an unshelve's zone), or none with a null zone. */
    public void set(String instanceUuid, String zone) {
        sql.update("update instances set requested_availability_zone = ? where uuid = ?", zone, instanceUuid);
    }

    /** The server's zone, or null when it may go anywhere. */
    public String of(String instanceUuid) {
        List<String> zone = sql.list("select requested_availability_zone from instances where uuid = ?",
                rs -> rs.getString(1), instanceUuid);
        return zone.isEmpty() ? null : zone.get(0);
    }
}
