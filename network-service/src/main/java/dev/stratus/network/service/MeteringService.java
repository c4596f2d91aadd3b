package dev.stratus.network.service;

import dev.stratus.common.network.NetworkChange;
import dev.stratus.network.api.MeteringFaults;
import dev.stratus.network.api.RequestBody;
import dev.stratus.network.ipam.Cidr;
import dev.stratus.network.messaging.NetworkChanges;
import dev.stratus.network.persistence.MeteringLabelRow;
import dev.stratus.network.persistence.MeteringLabelRuleRow;
import dev.stratus.network.persistence.MeteringRepository;
import dev.stratus.network.persistence.listing.ListQuery;
import dev.stratus.network.persistence.listing.Where;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Neutron's metering service plugin: labels and their rules, admin-only as its default policy has them (the
 * {@code service} role reads them too, because the hosts that count the traffic read them with it). Every
 * change is broadcast so that the hosts rebuild the counters of their routers.
 */
@ApplicationScoped
public class MeteringService {

    private final MeteringRepository metering;
    private final Access access;
    private final NetworkChanges changes;

    public MeteringService(MeteringRepository metering, Access access, NetworkChanges changes) {
        this.metering = metering;
        this.access = access;
        this.changes = changes;
    }

    /** Neutron filters what the get policy denies out of a list: non-admins see none. */
    public List<MeteringLabelRow> labels(Caller caller, ListQuery query) {
        return metering.labels(query, visibility(caller))
                .orElseThrow(() -> MeteringFaults.labelNotFound(query.marker()));
    }

    public MeteringLabelRow label(Caller caller, String id) {
        MeteringLabelRow label = metering.findLabel(id).orElseThrow(() -> MeteringFaults.labelNotFound(id));
        access.requireChange(caller.seesAll(), false, "get_metering_label");
        return label;
    }

    @Transactional
    public List<MeteringLabelRow> createLabels(Caller caller, List<RequestBody> bodies) {
        access.require(caller.admin(), "create_metering_label");
        List<MeteringLabelRow> created = new ArrayList<>();
        for (RequestBody b : bodies) {
            MeteringLabelRow row = new MeteringLabelRow(UUID.randomUUID().toString(),
                    access.owningProject(caller, b.string("project_id")), b.string("name"), b.string("description"),
                    b.bool("shared"));
            metering.insert(row);
            created.add(row);
            changes.changed(NetworkChange.Kind.METERING_LABEL, row.id());
        }
        return created;
    }

    @Transactional
    public void deleteLabel(Caller caller, String id) {
        metering.findLabel(id).orElseThrow(() -> MeteringFaults.labelNotFound(id));
        access.requireChange(caller.admin(), caller.seesAll(), "delete_metering_label");
        if (!metering.deleteLabel(id)) {
            throw MeteringFaults.labelNotFound(id);
        }
        changes.changed(NetworkChange.Kind.METERING_LABEL, id);
    }

    public List<MeteringLabelRuleRow> rules(Caller caller, ListQuery query) {
        return metering.rules(query, visibility(caller))
                .orElseThrow(() -> MeteringFaults.ruleNotFound(query.marker()));
    }

    public MeteringLabelRuleRow rule(Caller caller, String id) {
        MeteringLabelRuleRow rule = metering.findRule(id).orElseThrow(() -> MeteringFaults.ruleNotFound(id));
        access.requireChange(caller.seesAll(), false, "get_metering_label_rule");
        return rule;
    }

    /**
     * The plugin's checks in its order: the prefixes, then no overlap of {@code remote_ip_prefix} with a rule of
     * the label with the same direction and {@code excluded}, then the label must exist. Rules of one label are
     * added one at a time (a row lock on the label), so two overlapping rules cannot both pass the check.
     */
    @Transactional
    public List<MeteringLabelRuleRow> createRules(Caller caller, List<RequestBody> bodies) {
        access.require(caller.admin(), "create_metering_label_rule");
        List<MeteringLabelRuleRow> created = new ArrayList<>();
        for (RequestBody b : bodies) {
            MeteringRulePrefixes.Prefixes prefixes = MeteringRulePrefixes.read(b.get("remote_ip_prefix"),
                    b.get("source_ip_prefix"), b.get("destination_ip_prefix"));
            String labelId = b.string("metering_label_id");
            String direction = b.string("direction");
            boolean excluded = b.bool("excluded");
            var label = metering.lockLabel(labelId);
            if (prefixes.remote() != null && label.isPresent()) {
                Cidr wanted = MeteringRulePrefixes.network(prefixes.remote());
                for (MeteringLabelRuleRow other : metering.rulesLike(labelId, direction, excluded)) {
                    if (other.remoteIpPrefix() != null
                            && MeteringRulePrefixes.network(other.remoteIpPrefix()).overlaps(wanted)) {
                        throw MeteringFaults.ruleOverlaps(prefixes.remote());
                    }
                }
            }
            label.orElseThrow(() -> MeteringFaults.labelNotFound(labelId));
            MeteringLabelRuleRow row = new MeteringLabelRuleRow(UUID.randomUUID().toString(), labelId, direction,
                    excluded, prefixes.remote(), prefixes.source(), prefixes.destination());
            metering.insert(row);
            created.add(row);
            changes.changed(NetworkChange.Kind.METERING_LABEL, labelId);
        }
        return created;
    }

    @Transactional
    public void deleteRule(Caller caller, String id) {
        MeteringLabelRuleRow rule = metering.findRule(id).orElseThrow(() -> MeteringFaults.ruleNotFound(id));
        access.requireChange(caller.admin(), caller.seesAll(), "delete_metering_label_rule");
        if (!metering.deleteRule(id)) {
            throw MeteringFaults.ruleNotFound(id);
        }
        changes.changed(NetworkChange.Kind.METERING_LABEL, rule.meteringLabelId());
    }

    private static Where visibility(Caller caller) {
        return caller.seesAll() ? new Where() : new Where().and("false");
    }
}
