package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.ImageSpec;
import dev.stratus.common.compute.InstanceBuild;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.compute.RequestSpec;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.SchedulingHints;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.messaging.ComputeCasts;
import dev.stratus.compute.api.persistence.FlavorRow;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.KeypairRepository;
import dev.stratus.compute.api.persistence.KeypairRow;
import dev.stratus.compute.api.persistence.ServerGroupRepository;
import dev.stratus.compute.api.view.Links;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * {@code POST /servers}: checks the flavor, image, key pair, networks, zone and group; writes the
 * instances in BUILD/scheduling under quota; hands them to the scheduler in one {@link ScheduleInstances}.
 */
@ApplicationScoped
public class ServerCreator {

    private static final Logger LOG = Logger.getLogger(ServerCreator.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the 202 shows. */
    public record Result(List<InstanceRow> instances, String reservationId, String adminPass) {
    }

    private final FlavorService flavors;
    private final KeypairRepository keypairs;
    private final ServerGroupRepository groups;
    private final ImageCatalog images;
    private final NetworkCatalog networks;
    private final RequestedZones zones;
    private final InstanceWriter writer;
    private final InstanceNetworking networking;
    private final QuotaService quotas;
    private final ComputeCasts casts;
    private final BootImageRules bootImages;
    private final ComputeSettings settings;

    public ServerCreator(FlavorService flavors, KeypairRepository keypairs, ServerGroupRepository groups,
            ImageCatalog images, NetworkCatalog networks, RequestedZones zones, InstanceWriter writer,
            InstanceNetworking networking, QuotaService quotas, ComputeCasts casts, BootImageRules bootImages,
            ComputeSettings settings) {
        this.flavors = flavors;
        this.keypairs = keypairs;
        this.groups = groups;
        this.images = images;
        this.networks = networks;
        this.zones = zones;
        this.writer = writer;
        this.networking = networking;
        this.quotas = quotas;
        this.casts = casts;
        this.bootImages = bootImages;
        this.settings = settings;
    }

    public Result create(AuthContext caller, ServerCreateRequest req, String requestId) {
        // image-service answers while this thread reads the flavor and the quota from the database
        String imageId = Links.idOf(req.bootImage());
        CompletableFuture<Optional<ImageCatalog.Image>> imageLookup = images.findAsync(caller, imageId);
        FlavorRow flavor = flavors.usableBy(caller, req.flavorRef());
        quotas.checkMetadata(caller.projectId(), req.metadata().size());
        quotas.checkInjectedFiles(caller.projectId(), caller.userId(), req.files());
        if (!req.files().isEmpty() && !req.configDrive() && !settings.forceConfigDrive()) {
            throw ApiException.badRequest("Personality files reach the server on its config drive, and this cloud"
                    + " gives config drives only when asked: set config_drive to true.");
        }
        ImageSpec image = bootImages.require(imageLookup, imageId, flavor.memoryMb(), flavor.rootGb(),
                "Can not find requested image");
        String keyData = null;
        if (req.keyName() != null) {
            KeypairRow key = keypairs.find(caller.userId(), req.keyName())
                    .orElseThrow(() -> ApiException.badRequest("Invalid key_name provided."));
            keyData = key.publicKey();
        }
        if (req.maxCount() > 1 && req.networks().stream().anyMatch(n -> n.portId() != null)) {
            throw ApiException.badRequest("Unable to launch multiple instances with a single configured port ID."
                    + " Please launch your instance one by one with different ports.");
        }
        List<NetworkRequest> nics = networks.resolve(caller, req.networksMode(), req.networks());
        List<String> securityGroupIds = List.of();
        List<String> securityGroupNames = req.securityGroups();
        if (!onlyTheDefaultGroup(req.securityGroups())) {
            List<NetworkCatalog.SecurityGroup> groups = networks.requireSecurityGroups(caller, req.securityGroups());
            securityGroupIds = groups.stream().map(NetworkCatalog.SecurityGroup::id).distinct().toList();
            // servers show their groups by name, as network-service names them (a CLI asks by id)
            securityGroupNames = groups.stream().map(NetworkCatalog.SecurityGroup::name).distinct().toList();
        }
        RequestedZones.Placement placement = zones.resolve(caller, req.availabilityZone(), req.requestedHost(),
                req.requestedNode());
        SchedulingHints hints = hints(caller, req, placement);
        FlavorSpec flavorSpec = FlavorService.specOf(flavor);
        String reservationId = reservationId();
        String adminPass = req.adminPass() != null ? req.adminPass() : AdminPasswords.generate();
        InstanceWriter.Created created = writer.create(req.withSecurityGroups(securityGroupNames), caller.projectId(), caller.userId(), flavorSpec, keyData,
                nics, placement.zone(), placement.requestedZone(), reservationId, requestId);
        if (req.group() != null) {
            hints = new SchedulingHints(hints.groupId(), hints.groupPolicy(), hints.maxServerPerHost(),
                    created.groupMembersBefore(), hints.sameHost(), hints.differentHost(), hints.forcedHost(),
                    hints.forcedNode());
        }
        List<InstanceBuild> builds = new ArrayList<>();
        for (InstanceRow row : created.instances()) {
            List<NetworkRequest> connected = networking.connect(caller, row.uuid(), placement.zone(), securityGroupIds)
                    .orElse(null);
            if (connected == null) {
                continue;
            }
            builds.add(new InstanceBuild(row.uuid(), row.displayName(), row.hostname(), row.projectId(), row.userId(),
                    flavorSpec, image, row.keyName(), keyData, row.userData(), req.metadata(), connected,
                    row.configDrive(), placement.zone(), row.launchIndex(), reservationId, adminPass, row.createdAt(),
                    req.files()));
        }
        if (builds.isEmpty()) {
            return new Result(created.instances(), reservationId, adminPass);
        }
        RequestSpec spec = new RequestSpec(caller.projectId(), caller.userId(), flavorSpec, image,
                placement.requestedZone(), hints, List.of());
        try {
            casts.schedule(new ScheduleInstances(spec, builds, settings.maxBuildAttempts()), requestId)
                    .get(settings.imageTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.errorf("Could not hand %d instance(s) of %s to the scheduler: %s", builds.size(), reservationId,
                    String.valueOf(cause));
            writer.failToSchedule(builds.stream().map(InstanceBuild::instanceId).toList(),
                    "The scheduler could not be reached: " + cause.getMessage());
        }
        return new Result(created.instances(), reservationId, adminPass);
    }


    /**
     * Nova does not look up {@code default} when it is the only group asked for: every project has it, and a
     * port created without groups gets it. Any other name, alone or with it, is looked up.
     */
    private static boolean onlyTheDefaultGroup(List<String> names) {
        return names.size() == 1 && "default".equals(names.get(0));
    }

    private SchedulingHints hints(AuthContext caller, ServerCreateRequest req, RequestedZones.Placement placement) {
        String groupPolicy = null;
        Integer maxPerHost = null;
        if (req.group() != null) {
            ServerGroupRepository.GroupRow group = groups.find(req.group())
                    .filter(g -> g.projectId().equals(caller.projectId()) || ComputeRules.isAdmin(caller))
                    .orElseThrow(() -> ApiException.badRequest("Invalid server group " + req.group()));
            groupPolicy = group.policy();
            String rule = group.rules().get("max_server_per_host");
            maxPerHost = rule == null ? null : Integer.valueOf(rule);
        }
        return new SchedulingHints(req.group(), groupPolicy, maxPerHost, List.of(), req.sameHost(),
                req.differentHost(), placement.host(), placement.node());
    }

    private static String reservationId() {
        StringBuilder sb = new StringBuilder("r-");
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 8; i++) {
            sb.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return sb.toString();
    }
}
