package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.RescueInstance;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.service.action.Locks;
import dev.stratus.compute.api.service.action.StateRule;
import dev.stratus.compute.api.view.Links;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The {@code rescue} action: the host boots the server from a fresh disk of a rescue image (the server's own
 * image unless {@code rescue_image_ref} names another) with the server's disk attached second, and the new
 * password on its config drive; or, for a rescue image with {@code hw_rescue_device} or {@code hw_rescue_bus}
 * (Nova's stable device rescue, at any microversion for a server booted from an image), with the server's disks in
 * place and the rescue disk added on that bus. The task state and the cast share one transaction: when the host
 * cannot be told, nothing changed and the caller gets a 503.
 */
@ApplicationScoped
public class ServerRescuer {

    private static final Logger LOG = Logger.getLogger(ServerRescuer.class);
    private static final StateRule STATES = new StateRule(Set.of("active", "stopped", "error"), StateRule.NO_TASK);
    private static final List<String> RESCUE_DEVICES = List.of("cdrom", "disk", "floppy", "fs", "lun");
    private static final List<String> RESCUE_BUSES =
            List.of("fdc", "ide", "sata", "scsi", "usb", "virtio", "xen", "lxc", "uml");

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final ImageCatalog images;
    private final BootImageRules bootImages;
    private final InstanceBuilds builds;
    private final ComputeCasts casts;
    private final Policy policy;

    public ServerRescuer(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            ImageCatalog images, BootImageRules bootImages, InstanceBuilds builds, ComputeCasts casts,
            Policy policy) {
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.images = images;
        this.bootImages = bootImages;
        this.builds = builds;
        this.casts = casts;
        this.policy = policy;
    }

    /**
     * A rescue image with {@code hw_rescue_device} or {@code hw_rescue_bus} asks the host for a stable device
     * rescue: the server keeps its disks in place and the rescue image is one more device, booted first. The
     * values must be of Nova's image property types (its {@code BlockDeviceType} and {@code DiskBus}); whether the
     * host's driver has that device and bus is the host's to say. Nova fails such an image with a 500 (the
     * property does not load); here it is the 400 Nova gives an unusable rescue image.
     */
    private static void checkStableRescue(ImageSpec image) {
        for (var property : Map.of("hw_rescue_device", RESCUE_DEVICES, "hw_rescue_bus", RESCUE_BUSES).entrySet()) {
            String value = image.property(property.getKey());
            if (value != null && !property.getValue().contains(value)) {
                throw ApiException.badRequest("Requested rescue image '" + image.id() + "' is not supported: "
                        + property.getKey() + " '" + value + "' is not one of " + property.getValue() + ".");
            }
        }
    }

    /** Returns the rescue password: the caller's, or a generated one. */
    @Transactional
    public String rescue(AuthContext caller, String uuid, String adminPass, String rescueImageRef, String requestId) {
        InstanceRow visible = lookup.visible(caller, uuid);
        String imageId = rescueImageRef != null ? Links.idOf(rescueImageRef) : visible.imageRef();
        if (imageId == null || imageId.isBlank()) {
            throw ApiException.badRequest("Cannot rescue a volume-backed instance without a rescue image.");
        }
        CompletableFuture<Optional<ImageCatalog.Image>> imageLookup = images.findAsync(caller, imageId);
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:os-rescue", ComputeRules.memberOf(row.projectId()));
        Locks.check(caller, row);
        STATES.checkOnHost("rescue", row);
        ImageSpec image = bootImages.require(imageLookup, imageId, row.memoryMb(), row.rootGb(),
                "Image " + imageId + " could not be found.");
        checkStableRescue(image);
        instances.db().update("update instances set task_state = 'rescuing', updated_at = now() where uuid = ?",
                uuid);
        actions.start(uuid, "rescue", requestId, caller.userId(), caller.projectId());
        String password = adminPass != null ? adminPass : AdminPasswords.generate();
        try {
            casts.rescue(row.host(), new RescueInstance(builds.of(row, image, password), requestId)).join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not send the rescue of %s to compute.%s: %s", uuid, row.host(), e.getMessage());
            // the transaction rolls back: the server is as it was
            throw ApiException.unavailable("The compute host of instance " + uuid + " could not be reached.");
        }
        return password;
    }
}
