package dev.stratus.compute.api.service;

import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.compute.NetworkRequest;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.persistence.InstanceActionRepository;
import dev.stratus.compute.api.persistence.InstanceRepository;
import dev.stratus.compute.api.persistence.InstanceRow;
import dev.stratus.compute.api.persistence.NicRow;
import dev.stratus.compute.api.persistence.PinnedZones;
import dev.stratus.compute.api.persistence.ServerGroupRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes the instances of one create request in one transaction, after taking their quota. */
@ApplicationScoped
public class InstanceWriter {

    /** The rows written, and how each one's view reads them back. */
    public record Created(List<InstanceRow> instances, List<String> groupMembersBefore) {
    }

    private final InstanceRepository instances;
    private final InstanceActionRepository actions;
    private final ServerGroupRepository groups;
    private final QuotaService quotas;
    private final ComputeSettings settings;
    private final PinnedZones pinnedZones;

    public InstanceWriter(InstanceRepository instances, InstanceActionRepository actions, ServerGroupRepository groups,
            QuotaService quotas, ComputeSettings settings, PinnedZones pinnedZones) {
        this.pinnedZones = pinnedZones;
        this.instances = instances;
        this.actions = actions;
        this.groups = groups;
        this.quotas = quotas;
        this.settings = settings;
    }

    /**
     * @param availabilityZone the zone the servers show (the default zone when none was asked for)
     * @param requestedZone the zone asked for, to which the servers stay pinned; null: none
     */
    @Transactional
    public Created create(ServerCreateRequest req, String projectId, String userId, FlavorSpec flavor,
            String keyData, List<NetworkRequest> nics, String availabilityZone, String requestedZone,
            String reservationId, String requestId) {
        int count = quotas.reserveInstances(projectId, userId, req.minCount(), req.maxCount(), flavor.vcpus(),
                flavor.memoryMb());
        List<String> membersBefore = List.of();
        if (req.group() != null) {
            ServerGroupRepository.GroupRow group = groups.lock(req.group())
                    .orElseThrow(() -> ApiException.badRequest("Invalid server group " + req.group()));
            quotas.checkServerGroupMembers(projectId, userId, group.uuid(), count);
            membersBefore = group.members();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<InstanceRow> created = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String uuid = UUID.randomUUID().toString();
            String name = count > 1 ? req.name() + "-" + (index + 1) : req.name();
            String hostname = req.hostname() != null ? req.hostname() : Hostnames.sanitize(name, uuid);
            InstanceRow row = new InstanceRow(0, uuid, projectId, userId, name, req.description(), hostname, null,
                    null, "building", "scheduling", 0, flavor.id(), flavor.name(), flavor.vcpus(), flavor.memoryMb(),
                    flavor.rootGb(), flavor.ephemeralGb(), flavor.swapMb(), flavor.extraSpecs(), req.bootImage(),
                    req.keyName(), keyData, req.userData(), availabilityZone,
                    req.configDrive() || settings.forceConfigDrive(), req.accessIpV4(), req.accessIpV6(),
                    reservationId, index, req.diskConfig(), false, null, null, 0, null, 0, null, null, now, now,
                    null);
            instances.insert(row);
            if (!req.metadata().isEmpty()) {
                instances.insertMetadata(uuid, req.metadata());
            }
            if (!req.tags().isEmpty()) {
                instances.insertTags(uuid, req.tags());
            }
            instances.insertSecurityGroups(uuid, req.securityGroups());
            if (!nics.isEmpty()) {
                List<NicRow> rows = new ArrayList<>();
                for (int n = 0; n < nics.size(); n++) {
                    NetworkRequest nic = nics.get(n);
                    rows.add(NicRow.requested(n, nic.networkId(), nic.networkName(), nic.portId(), nic.fixedIp(),
                            nic.macAddress(), nic.tag()));
                }
                instances.insertNics(uuid, rows);
            }
            actions.start(uuid, "create", requestId, userId, projectId);
            created.add(row);
        }
        pinnedZones.pin(created.stream().map(InstanceRow::uuid).toList(), requestedZone);
        if (req.group() != null) {
            groups.addMembers(req.group(), created.stream().map(InstanceRow::uuid).toList());
        }
        return new Created(created, membersBefore);
    }

    /** The scheduler could not be reached: the instances end in ERROR with the reason, and free their quota. */
    @Transactional
    public void failToSchedule(List<String> uuids, String reason) {
        for (String uuid : uuids) {
            instances.db().update("update instances set vm_state = 'error', task_state = null, updated_at = now()"
                    + " where uuid = ? and deleted_at is null", uuid);
            instances.insertFault(uuid, 500, reason, null, null);
        }
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
