package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.ServerGroupRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What every move's request to the scheduler carries besides the instance: the server group's policy and an
 * admin's target host as hints, and the server's image (cold and live moves share it).
 */
@ApplicationScoped
public class MoveRequests {

    private final ServerGroupRepository groups;
    private final ImageCatalog images;

    public MoveRequests(ServerGroupRepository groups, ImageCatalog images) {
        this.groups = groups;
        this.images = images;
    }

    /**
     * What the destination must respect: the server group's policy (its other members by id; the server itself
     * does not count where it is now) and an admin's target host.
     */
    public SchedulingHints hints(String uuid, String targetHost) {
        Optional<ServerGroupRepository.GroupRow> group = groups.ofMember(uuid);
        if (group.isEmpty()) {
            return targetHost == null ? SchedulingHints.NONE
                    : new SchedulingHints(null, null, null, List.of(), List.of(), List.of(), targetHost, null);
        }
        ServerGroupRepository.GroupRow g = group.get();
        String maxPerHost = g.rules().get("max_server_per_host");
        List<String> others = g.members().stream().filter(m -> !m.equals(uuid)).toList();
        return new SchedulingHints(g.uuid(), g.policy(), maxPerHost == null ? null : Integer.valueOf(maxPerHost),
                others, List.of(), List.of(), targetHost, null);
    }

    /** The server's image, looked up while the row is read; a server booted from a volume has none. */
    public CompletableFuture<Optional<ImageCatalog.Image>> imageOf(AuthContext caller, InstanceRow row) {
        if (row.imageRef() == null || row.imageRef().isBlank()) {
            return null;
        }
        // A deleted image does not stop a move: the host has its disk already.
        return images.findAsync(caller, row.imageRef()).exceptionally(e -> Optional.empty());
    }
}
