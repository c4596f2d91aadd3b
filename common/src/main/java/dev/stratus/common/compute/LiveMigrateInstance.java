package dev.stratus.common.compute;

import dev.stratus.common.messaging.MessageType;

/**
 * One step of a live migration (Nova's os-migrateLive), to the host that does it:
 * <ul>
 * <li>{@code MIGRATE} (scheduler to the source, once the destination is claimed): check that the guest can go,
 * copy it over while it runs (status {@code preparing}, then {@code running}), then {@code FINISH} to the
 * destination with the state the guest runs in;</li>
 * <li>{@code FINISH} (source to the destination; Nova's post_live_migration_at_destination): the guest runs here
 * now in {@code vmState}, the instance is on this host ({@code post-migrating}); then {@code CLEAN_UP} to the
 * source;</li>
 * <li>{@code CLEAN_UP} (destination to the source): the source's copy goes; the migration is {@code completed}
 * and its claim becomes the instance's.</li>
 * </ul>
 * A step that fails before the destination runs the guest leaves the instance as it was on its source (status
 * {@code error}, the destination's claim returned). Every step is idempotent on redelivery.
 *
 * @param vmState the guest's state the destination keeps ({@code active} or {@code paused}); set by the source
 *        for {@code FINISH}, null for {@code MIGRATE}
 */
public record LiveMigrateInstance(Step step, InstanceMove move, String vmState) {

    public static final MessageType<LiveMigrateInstance> TYPE =
            MessageType.of("live_migrate_instance", "1.0", LiveMigrateInstance.class);

    public enum Step { MIGRATE, FINISH, CLEAN_UP }

    /** The next step of the same migration. */
    public LiveMigrateInstance next(Step next, String state) {
        return new LiveMigrateInstance(next, move, state);
    }
}
