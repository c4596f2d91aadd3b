package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.InstanceFault;
import dev.stratus.common.compute.RebuildInstance;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.ConsoleAuthTokenRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.KeypairRepository;
import dev.stratus.compute.api.persistence.KeypairRow;
import dev.stratus.compute.api.service.action.Locks;
import dev.stratus.compute.api.service.action.StateRule;
import dev.stratus.compute.api.view.Links;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * The {@code rebuild} action: the server keeps its id, host, flavor, ports and addresses, and is re-imaged
 * with a new image, name, metadata, key, user data and password. The row changes and the cast to the host
 * share one transaction: when the host cannot be told, nothing changed and the caller gets a 503.
 *
 * <p>A new image is first checked on the server's host by the scheduler's image filters ({@link RebuildHostCheck}),
 * as Nova's conductor does; a host that does not pass fails the rebuild as Nova fails it: the server's image is
 * the old one again, the server is ERROR with the "No valid host was found" fault, the action's
 * {@code rebuild_server} event failed, and nothing is sent to the host. The same image is not checked.
 */
@ApplicationScoped
public class ServerRebuilder {

    private static final Logger LOG = Logger.getLogger(ServerRebuilder.class);
    private static final StateRule STATES = new StateRule(Set.of("active", "stopped", "error"), StateRule.NO_TASK);

    /** What the 202 shows: the server as rebuilt, and its new password. */
    public record Result(InstanceRow instance, String adminPass) {
    }

    private final ServerLookup lookup;
    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final KeypairRepository keypairs;
    private final ImageCatalog images;
    private final BootImageRules bootImages;
    private final QuotaService quotas;
    private final ComputeCasts casts;
    private final Policy policy;
    private final InstanceBuilds builds;
    private final ConsoleAuthTokenRepository consoleTokens;
    private final RebuildHostCheck hostCheck;

    public ServerRebuilder(ServerLookup lookup, InstanceRepository instances, InstanceActionRepository actions,
            KeypairRepository keypairs, ImageCatalog images, BootImageRules bootImages, QuotaService quotas,
            ComputeCasts casts, Policy policy, InstanceBuilds builds, ConsoleAuthTokenRepository consoleTokens,
            RebuildHostCheck hostCheck) {
        this.hostCheck = hostCheck;
        this.builds = builds;
        this.consoleTokens = consoleTokens;
        this.lookup = lookup;
        this.instances = instances;
        this.actions = actions;
        this.keypairs = keypairs;
        this.images = images;
        this.bootImages = bootImages;
        this.quotas = quotas;
        this.casts = casts;
        this.policy = policy;
    }

    @Transactional
    public Result rebuild(AuthContext caller, String uuid, ServerRebuild req, String requestId) {
        String imageId = Links.idOf(req.imageRef());
        CompletableFuture<Optional<ImageCatalog.Image>> imageLookup = images.findAsync(caller, imageId);
        InstanceRow row = lookup.lockVisible(caller, uuid);
        policy.enforce("os_compute_api:servers:rebuild", ComputeRules.memberOf(row.projectId()));
        Locks.check(caller, row);
        STATES.checkOnHost("rebuild", row);
        ImageSpec image = bootImages.require(imageLookup, imageId, row.memoryMb(), row.rootGb(),
                "Cannot find image for rebuild");
        if (req.metadata() != null) {
            quotas.checkMetadata(row.projectId(), req.metadata().size());
        }
        quotas.checkInjectedFiles(row.projectId(), row.userId(), req.files());
        if (!req.files().isEmpty() && !row.configDrive()) {
            throw ApiException.badRequest("Personality files reach the server on its config drive, and this server"
                    + " has none.");
        }
        String keyData = row.keyData();
        if (req.keyNameSet()) {
            keyData = req.keyName() == null ? null : keypairs.find(caller.userId(), req.keyName())
                    .map(KeypairRow::publicKey)
                    .orElseThrow(() -> ApiException.badRequest("Keypair " + req.keyName() + " not found for user "
                            + caller.userId()));
        }
        instances.db().update("update instances set display_name = coalesce(?, display_name), image_ref = ?,"
                + " access_ip_v4 = coalesce(?, access_ip_v4), access_ip_v6 = coalesce(?, access_ip_v6),"
                + " disk_config = coalesce(?, disk_config),"
                + " display_description = case when ? then ? else display_description end,"
                + " key_name = case when ? then ? else key_name end, key_data = ?,"
                + " user_data = case when ? then ? else user_data end, hostname = coalesce(?, hostname),"
                + " task_state = 'rebuilding', progress = 0, updated_at = now() where uuid = ?",
                req.name(), image.id(), req.accessIpV4(), req.accessIpV6(), req.diskConfig(), req.descriptionSet(),
                req.description(), req.keyNameSet(), req.keyName(), keyData, req.userDataSet(), req.userData(),
                req.hostname(), uuid);
        if (req.metadata() != null) {
            instances.replaceMetadata(uuid, req.metadata());
        }
        actions.start(uuid, "rebuild", requestId, caller.userId(), caller.projectId());
        InstanceRow rebuilt = instances.find(uuid).orElseThrow();
        String adminPass = req.adminPass() != null ? req.adminPass() : AdminPasswords.generate();
        if (!image.id().equals(row.imageRef())) {
            Optional<InstanceFault> refused = hostCheck.refusal(rebuilt, image);
            if (refused.isPresent()) {
                fail(row, refused.get(), requestId);
                return new Result(rebuilt, adminPass);
            }
        }
        // The guest is defined anew, its console on a port of the host's choosing: earlier tokens lead nowhere.
        consoleTokens.deleteForInstance(uuid);
        InstanceBuild build = builds.of(rebuilt, image, adminPass).withFiles(req.files());
        try {
            casts.rebuild(row.host(), new RebuildInstance(build, "stopped".equals(row.vmState()), requestId)).join();
        } catch (RuntimeException e) {
            LOG.errorf("Could not send the rebuild of %s to compute.%s: %s", uuid, row.host(), e.getMessage());
            // the transaction rolls back: the server is as it was
            throw ApiException.unavailable("The compute host of instance " + uuid + " could not be reached.");
        }
        return new Result(rebuilt, adminPass);
    }

    /** The scheduler refused the new image on the server's host: Nova's conductor's NoValidHost on a rebuild. */
    private void fail(InstanceRow before, InstanceFault fault, String requestId) {
        LOG.infof("Rebuild of %s refused by the scheduler: %s", before.uuid(), fault.details());
        instances.db().update("update instances set image_ref = ?, vm_state = 'error', task_state = null,"
                + " updated_at = now() where uuid = ?", before.imageRef(), before.uuid());
        instances.insertFault(before.uuid(), fault.code(), fault.message(), fault.details(), null);
        java.time.Instant now = java.time.Instant.now();
        actions.applyEvent(before.uuid(), requestId, "rebuild", "rebuild_server", now, now, "Error", null,
                fault.details());
    }

}
