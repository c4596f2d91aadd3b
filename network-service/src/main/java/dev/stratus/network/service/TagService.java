package dev.stratus.network.service;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.Faults;
import dev.stratus.network.persistence.StandardAttributes;
import dev.stratus.network.persistence.TagRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Tags of networks, subnets, ports, routers, security groups, floating IPs and subnet pools (Neutron's standard-attr-tag): at
 * most 50 per resource, each up to 255 characters; a change bumps the resource's revision.
 */
@ApplicationScoped
public class TagService {

    public static final int MAX_TAGS = 50;
    public static final int MAX_LENGTH = 255;

    /** Collection name in the URL, table of the resource. */
    private static final Map<String, String> TABLES = Map.of("networks", "networks", "subnets", "subnets", "ports",
            "ports", "routers", "routers", "security_groups", "security_groups", "floatingips", "floating_ips", "subnetpools",
            "subnetpools");

    private final TagRepository tags;
    private final VisibleResources visible;
    private final Access access;
    private final Db db;

    public TagService(TagRepository tags, VisibleResources visible, Access access, Db db) {
        this.tags = tags;
        this.visible = visible;
        this.access = access;
        this.db = db;
    }

    public static boolean taggable(String collection) {
        return TABLES.containsKey(collection);
    }

    public List<String> list(Caller caller, String collection, String id) {
        owner(caller, collection, id);
        return tags.tags(collection, id);
    }

    public void check(Caller caller, String collection, String id, String tag) {
        owner(caller, collection, id);
        if (!tags.has(collection, id, tag)) {
            throw tagNotFound(tag);
        }
    }

    @Transactional
    public List<String> replace(Caller caller, String collection, String id, List<String> newTags) {
        writable(caller, collection, id);
        if (newTags.size() > MAX_TAGS) {
            throw Faults.badRequest("tags", "The number of tags exceed the per-resource limit of " + MAX_TAGS);
        }
        tags.replace(collection, id, newTags);
        bump(collection, id);
        return tags.tags(collection, id);
    }

    @Transactional
    public void add(Caller caller, String collection, String id, String tag) {
        writable(caller, collection, id);
        if (tag.length() > MAX_LENGTH) {
            throw Faults.invalidInput("'" + tag + "' exceeds maximum length of " + MAX_LENGTH);
        }
        if (!tags.has(collection, id, tag) && tags.count(collection, id) >= MAX_TAGS) {
            throw Faults.badRequest("tags", "The number of tags exceed the per-resource limit of " + MAX_TAGS);
        }
        tags.add(collection, id, tag);
        bump(collection, id);
    }

    @Transactional
    public void remove(Caller caller, String collection, String id, String tag) {
        writable(caller, collection, id);
        if (!tags.remove(collection, id, tag)) {
            throw tagNotFound(tag);
        }
        bump(collection, id);
    }

    @Transactional
    public void removeAll(Caller caller, String collection, String id) {
        writable(caller, collection, id);
        tags.removeAll(collection, id);
        bump(collection, id);
    }

    private void writable(Caller caller, String collection, String id) {
        String owner = owner(caller, collection, id);
        access.requireChange(caller.canWrite(owner) || caller.service(), true, "update_" + collection.replaceAll("s$",
                "") + "_tags");
    }

    /** The owning project of a resource the caller sees, or TagResourceNotFound. */
    private String owner(Caller caller, String collection, String id) {
        BiFunction<Caller, String, String> lookup = switch (collection) {
            case "networks" -> (c, i) -> visible.network(c, i).projectId();
            case "subnets" -> (c, i) -> visible.subnet(c, i).projectId();
            case "ports" -> (c, i) -> visible.port(c, i).projectId();
            case "routers" -> (c, i) -> visible.router(c, i).projectId();
            case "security_groups" -> (c, i) -> visible.securityGroup(c, i).projectId();
            case "floatingips" -> (c, i) -> visible.floatingIp(c, i).projectId();
            case "subnetpools" -> (c, i) -> visible.subnetPool(c, i).projectId();
            default -> throw Faults.hidden();
        };
        try {
            return lookup.apply(caller, id);
        } catch (dev.stratus.common.fault.ApiException e) {
            if (e.status() == 404) {
                throw Faults.notFound("TagResourceNotFound", "Resource " + collection.replaceAll("s$", "") + " " + id
                        + " could not be found.");
            }
            throw e;
        }
    }

    private void bump(String collection, String id) {
        db.update("update " + TABLES.get(collection) + " set " + StandardAttributes.BUMP + " where id = ?", id);
    }

    private static dev.stratus.common.fault.ApiException tagNotFound(String tag) {
        return Faults.notFound("TagNotFound", "Tag " + tag + " could not be found.");
    }
}
