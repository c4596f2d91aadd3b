package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.PinnedZones;
import dev.stratus.compute.api.persistence.ServerGroupRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What every move's request to the scheduler carries besides the instance: the server group's policy and an
 * admin's target host as hints, the availability zone the server is pinned to, and the server's image (cold and
 * live moves and unshelve share it).
 */
@ApplicationScoped
public class MoveRequests {

    private final ServerGroupRepository groups;
    private final ImageCatalog images;
    private final PinnedZones pinnedZones;

    public MoveRequests(ServerGroupRepository groups, ImageCatalog images, PinnedZones pinnedZones) {
        this.groups = groups;
        this.images = images;
        this.pinnedZones = pinnedZones;
    }

    /**
     * The zone the destination must be in, as Nova keeps it in the request spec: the one the server was created
     * in when its create asked for one (or its last unshelve named); null for a server that may go anywhere.
     */
    public String zone(String uuid) {
        return pinnedZones.of(uuid);
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
