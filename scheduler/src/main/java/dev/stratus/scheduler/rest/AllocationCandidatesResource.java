package dev.stratus.scheduler.rest;

import dev.stratus.scheduler.service.CandidateRequest;
import dev.stratus.scheduler.service.CandidateService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/** GET /allocation_candidates (1.10): providers able to hold the request, with their summaries. */
@Path("/allocation_candidates")
@Produces(MediaType.APPLICATION_JSON)
public class AllocationCandidatesResource {

    private final CandidateService candidates;
    private final PlacementQueries queries;
    private final PlacementViews views;
    private final PlacementVersions versions;
    private final PlacementPolicy policy;

    public AllocationCandidatesResource(CandidateService candidates, PlacementQueries queries, PlacementViews views,
            PlacementVersions versions, PlacementPolicy policy) {
        this.candidates = candidates;
        this.queries = queries;
        this.views = views;
        this.versions = versions;
        this.policy = policy;
    }

    @GET
    public Map<String, Object> list(UriInfo uri) {
        versions.require("1.10");
        policy.enforce("placement:allocation_candidates:list");
        CandidateRequest request = queries.candidateRequest(uri.getQueryParameters());
        return views.candidates(candidates.candidates(request), request.resources());
    }
}
