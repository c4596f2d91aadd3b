package dev.stratus.scheduler.rest;

import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.common.web.VersionRange;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Placement microversions this service implements, and what each brought (Placement's version history):
 * <pre>
 * 1.0  resource providers, inventories, usages, allocations     1.15 cache headers (last-modified)
 * 1.1  provider aggregates                                       1.16 limit on allocation candidates
 * 1.2  custom resource classes                                   1.17 required traits on candidates, traits in summaries
 * 1.3  member_of on provider lists                               1.18 required traits on provider lists
 * 1.4  resources filter on provider lists                        1.19 generation in aggregate bodies
 * 1.5  DELETE all inventories                                    1.20 POST resource_providers returns the provider
 * 1.6  traits                                                    1.21 member_of on allocation candidates
 * 1.7  PUT /resource_classes/{name} creates                      1.22 forbidden traits (!TRAIT)
 * 1.8  project_id and user_id required on PUT allocations        1.23 error codes
 * 1.9  GET /usages                                               1.24 several member_of
 * 1.10 GET /allocation_candidates                                1.25 granular request groups
 * 1.11 allocations link on providers                             1.26 reserved may equal total
 * 1.12 dict form of PUT allocations; project and user on GET     1.27 all resource classes in provider summaries
 * 1.13 POST /allocations                                         1.28 consumer generations
 * 1.14 nested providers (parent / root, in_tree)                 1.29 tree fields in provider summaries
 * </pre>
 * Routes a version does not have yet answer 404, as Placement does.
 */
@ApplicationScoped
public class PlacementVersions {

    public static final String MIN = "1.0";
    public static final String MAX = "1.29";

    private final RequestedMicroversion requested;

    public PlacementVersions(RequestedMicroversion requested) {
        this.requested = requested;
    }

    public ApiVersion current() {
        return requested.get();
    }

    public boolean atLeast(String version) {
        return requested.atLeast(version);
    }

    public boolean in(VersionRange range) {
        return range.contains(requested.get());
    }

    /** A 404 for a route the negotiated version does not have. */
    public void require(String since) {
        if (!atLeast(since)) {
            throw ApiException.notFound("The resource could not be found.");
        }
    }
}
