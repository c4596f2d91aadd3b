package dev.stratus.common.compute;

/**
 * One move of an instance: a resize (new flavor, any host the scheduler allows, the same one included when
 * configured), a cold migration (same flavor, another host) or a live migration (same flavor, another host, the
 * guest running on; {@link LiveMigrateInstance}). compute-api writes it with the migration row, the
 * scheduler fills in the destination, and every step on the two hosts carries it whole, so that a step never
 * needs to read what another host knows.
 *
 * @param migrationId the migration's uuid (os-migrations); also the placement consumer that holds the
 *        destination's claim until the move is confirmed or reverted
 * @param migrationType {@code resize}, {@code migration}, {@code live-migration} or {@code evacuation}, as Nova
 *        names them
 * @param instance the instance with its new flavor (for a migration, its flavor)
 * @param oldFlavor the flavor the instance had on its source host
 * @param destHost null until the scheduler chose it
 * @param wasStopped the instance was stopped when the move was asked: it stays stopped on the destination and
 *        after a revert, as Nova does
 * @param actionRequestId the request id of the API call that started the move (names its instance action)
 */
public record InstanceMove(String migrationId, String migrationType, InstanceBuild instance, FlavorSpec oldFlavor,
        String sourceHost, String sourceNode, String destHost, String destNode, boolean wasStopped,
        String actionRequestId) {

    public static final String RESIZE = "resize";
    public static final String MIGRATION = "migration";
    public static final String LIVE_MIGRATION = "live-migration";
    /** An evacuation: the source host is down; the instance is built anew on the destination ({@link EvacuateInstance}). */
    public static final String EVACUATION = "evacuation";

    public String instanceId() {
        return instance.instanceId();
    }

    /** A live migration: its steps are {@link LiveMigrateInstance}'s, not {@link MoveInstance}'s. */
    public boolean live() {
        return LIVE_MIGRATION.equals(migrationType);
    }

    /** An evacuation: nothing goes to the (dead) source; the destination builds the instance anew. */
    public boolean evacuation() {
        return EVACUATION.equals(migrationType);
    }

    /** Source and destination are one host (a resize where same-host resizes are allowed). */
    public boolean sameHost() {
        return sourceHost.equals(destHost);
    }

    /** The instance as it was before the move, with its old flavor. */
    public InstanceBuild original() {
        return instance.withFlavor(oldFlavor);
    }

    /** The same move, driven by another API call (a confirm or revert names its own instance action). */
    public InstanceMove asRequest(String requestId) {
        return new InstanceMove(migrationId, migrationType, instance, oldFlavor, sourceHost, sourceNode, destHost,
                destNode, wasStopped, requestId);
    }

    /** The move with its destination chosen. */
    public InstanceMove to(String host, String node) {
        return new InstanceMove(migrationId, migrationType, instance, oldFlavor, sourceHost, sourceNode, host, node,
                wasStopped, actionRequestId);
    }
}
