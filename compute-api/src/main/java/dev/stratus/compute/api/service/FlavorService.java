package dev.stratus.compute.api.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.compute.FlavorSpec;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.config.ComputeSettings;
import dev.stratus.compute.api.persistence.FlavorRepository;
import dev.stratus.compute.api.persistence.FlavorRow;
import dev.stratus.compute.api.view.Links;
import dev.stratus.common.persistence.PersistenceFailure;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Flavor records: creation with Nova's conflicts, the standard flavors on first start, extra specs, access. */
@ApplicationScoped
public class FlavorService {

    private static final Logger LOG = Logger.getLogger(FlavorService.class);

    /** The flavors DevStack creates, with the ids clients and tests expect. */
    static final List<FlavorRow> STANDARD = List.of(
            standard("1", "m1.tiny", 1, 512, 1),
            standard("2", "m1.small", 1, 2048, 20),
            standard("3", "m1.medium", 2, 4096, 40),
            standard("4", "m1.large", 4, 8192, 80),
            standard("5", "m1.xlarge", 8, 16384, 160));

    private final FlavorRepository flavors;
    private final ComputeSettings settings;

    public FlavorService(FlavorRepository flavors, ComputeSettings settings) {
        this.flavors = flavors;
        this.settings = settings;
    }

    private static FlavorRow standard(String id, String name, int vcpus, int ram, int disk) {
        return new FlavorRow(id, name, vcpus, ram, disk, 0, 0, 1.0, true, false, null, Map.of());
    }

    void seed(@Observes StartupEvent start) {
        if (settings.seedFlavors()) {
            seedIfEmpty();
        }
    }

    @Transactional
    public void seedIfEmpty() {
        if (flavors.count() > 0) {
            return;
        }
        STANDARD.forEach(flavors::insert);
        LOG.infof("Seeded %d standard flavors", STANDARD.size());
    }

    public FlavorRow get(String id) {
        return flavors.find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The flavor a caller may boot or resize to, by id or link: a 400 when it does not exist, is private to other
     * projects, or is disabled.
     */
    public FlavorRow usableBy(AuthContext caller, String ref) {
        String id = Links.idOf(ref);
        FlavorRow flavor = flavors.find(id).orElseThrow(() -> ApiException.badRequest(
                "Flavor " + id + " could not be found."));
        if (!flavor.isPublic() && !ComputeRules.isAdmin(caller)
                && !flavors.hasAccess(flavor.id(), caller.projectId())) {
            throw ApiException.badRequest("Flavor " + id + " could not be found.");
        }
        if (flavor.disabled()) {
            throw ApiException.badRequest("Flavor is disabled.");
        }
        return flavor;
    }

    /** The flavor as servers keep it. */
    public static FlavorSpec specOf(FlavorRow flavor) {
        return new FlavorSpec(flavor.id(), flavor.name(), flavor.vcpus(), flavor.memoryMb(), flavor.rootGb(),
                flavor.ephemeralGb(), flavor.swap(), flavor.extraSpecs());
    }

    public static ApiException notFound(String id) {
        return ApiException.notFound("Flavor " + id + " could not be found.");
    }

    @Transactional
    public FlavorRow create(FlavorRow flavor) {
        if (flavors.findByName(flavor.name()).isPresent()) {
            throw ApiException.conflict("Flavor with name " + flavor.name() + " already exists.");
        }
        if (flavors.find(flavor.id()).isPresent()) {
            throw ApiException.conflict("Flavor with ID " + flavor.id() + " already exists.");
        }
        try {
            flavors.insert(flavor);
        } catch (PersistenceFailure e) {
            if (e.isUniqueViolation()) {
                throw ApiException.conflict("Flavor with name " + flavor.name() + " already exists.");
            }
            throw e;
        }
        return get(flavor.id());
    }

    @Transactional
    public FlavorRow updateDescription(String id, String description) {
        if (!flavors.updateDescription(id, description)) {
            throw notFound(id);
        }
        return get(id);
    }

    @Transactional
    public void delete(String id) {
        if (!flavors.delete(id)) {
            throw notFound(id);
        }
    }

    @Transactional
    public Map<String, String> putSpecs(String id, Map<String, String> specs) {
        get(id);
        flavors.putSpecs(id, specs);
        return specs;
    }

    @Transactional
    public void deleteSpec(String id, String key) {
        get(id);
        if (!flavors.deleteSpec(id, key)) {
            throw ApiException.notFound("Flavor " + id + " has no extra specs with key " + key + ".");
        }
    }

    public List<String> access(String id) {
        FlavorRow f = get(id);
        if (f.isPublic()) {
            throw ApiException.notFound("Access list not available for public flavors.");
        }
        return flavors.accessProjects(id);
    }

    @Transactional
    public List<String> addAccess(String id, String project) {
        FlavorRow f = get(id);
        if (f.isPublic()) {
            throw ApiException.conflict("Can not add access to a public flavor.");
        }
        if (!flavors.addAccess(id, project)) {
            throw ApiException.conflict("Flavor access already exists for flavor " + id + " and project " + project
                    + " combination.");
        }
        return flavors.accessProjects(id);
    }

    @Transactional
    public List<String> removeAccess(String id, String project) {
        get(id);
        if (!flavors.removeAccess(id, project)) {
            throw ApiException.notFound("Flavor access not found for " + id + " / " + project + " combination.");
        }
        return flavors.accessProjects(id);
    }
}
