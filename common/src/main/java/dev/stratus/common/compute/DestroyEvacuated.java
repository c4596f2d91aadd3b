package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * compute-api to a host that keeps the guest of an instance that no longer lives there ({@code compute.<host>}):
 * destroy that guest with its disks (hosts share no storage). Nova's {@code _destroy_evacuated_instances} and its
 * reaping of guests deleted while their host was down. Idempotent: with no guest here, only the report goes.
 *
 * @param migrationId {@link #EVACUATED}: the evacuation away from this host, whose {@link MoveReport}
 *        {@code completed} the host answers with (after which the source's claim is settled); null for
 *        {@link #DELETED}
 * @param reason {@link #EVACUATED} (also when null: version 1.0 had no reason) or {@link #DELETED}: the instance
 *        was deleted while this host was down (compute-api's local delete already returned its claims); the host
 *        answers with a state report {@code deleted}, which changes nothing of the deleted instance
 */
public record DestroyEvacuated(String instanceId, String migrationId, String reason) {

    public static final String EVACUATED = "evacuated";
    public static final String DELETED = "deleted";

    public static final MessageType<DestroyEvacuated> TYPE =
            MessageType.of("destroy_evacuated_instance", "1.1", DestroyEvacuated.class);

    /** The guest of an instance evacuated away by {@code migrationId}. */
    public DestroyEvacuated(String instanceId, String migrationId) {
        this(instanceId, migrationId, EVACUATED);
    }

    /** The guest of an instance deleted while its host was down. */
    public static DestroyEvacuated deleted(String instanceId) {
        return new DestroyEvacuated(instanceId, null, DELETED);
    }

    public boolean wasDeleted() {
        return DELETED.equals(reason);
    }
}
