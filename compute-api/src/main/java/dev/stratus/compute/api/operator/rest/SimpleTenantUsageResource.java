package dev.stratus.compute.api.operator.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.common.web.ApiSettings;
import dev.stratus.common.web.Link;
import dev.stratus.common.web.PageLinks;
import dev.stratus.common.web.PageRequest;
import dev.stratus.common.web.RequestedMicroversion;
import dev.stratus.compute.api.operator.service.ServiceLiveness;
import dev.stratus.compute.api.operator.service.TenantUsageReport;
import dev.stratus.compute.api.operator.service.TenantUsageReport.Report;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import dev.stratus.compute.api.view.ComputeVersions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /os-simple-tenant-usage}: hours of servers and their vCPUs, RAM and disk within a window, for
 * every project (operators) or one project (its readers too). Paged over servers from 2.40.
 */
@Path("/v2.1/os-simple-tenant-usage")
@Produces(MediaType.APPLICATION_JSON)
public class SimpleTenantUsageResource {

    private static final String RULE = "os_compute_api:os-simple-tenant-usage:";
    private static final Set<String> SHOW_PARAMETERS = Set.of("start", "end", "limit", "marker");
    private static final Set<String> INDEX_PARAMETERS = Set.of("start", "end", "detailed", "limit", "marker");
    private static final List<DateTimeFormatter> USAGE_TIME_FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"), withMicros("uuuu-MM-dd'T'HH:mm:ss"),
            withMicros("uuuu-MM-dd HH:mm:ss"));

    private final Policy policy;
    private final RequestedMicroversion version;
    private final ApiSettings api;
    private final TenantUsageReport usage;
    private final ServiceLiveness clock;

    public SimpleTenantUsageResource(Policy policy, RequestedMicroversion version, ApiSettings api,
            TenantUsageReport usage, ServiceLiveness clock) {
        this.policy = policy;
        this.version = version;
        this.api = api;
        this.usage = usage;
        this.clock = clock;
    }

    /** The window and page a request asks for. */
    private record Window(Instant start, Instant stop, PageRequest page, boolean paged) {
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri) {
        if (uri.getPath().endsWith("/")) {
            // a project id left empty (.../os-simple-tenant-usage/): Nova's router finds nothing there
            throw ApiException.notFound("The resource could not be found.");
        }
        policy.enforce(RULE + "list", Policy.admin());
        Window window = window(uri, INDEX_PARAMETERS);
        boolean detailed = "1".equals(QueryParameters.first(uri, "detailed"));
        Report report = usage.report(window.start(), window.stop(), null, window.page().marker(),
                window.page().limit());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_usages", UsageViews.PROJECT.renderAll(report.projects(),
                new UsageViews.Detail(detailed, version.get()), version.get()));
        links(uri, window, report).ifPresent(l -> body.put("tenant_usages_links", l));
        return body;
    }

    @GET
    @Path("{tenant_id}")
    public Map<String, Object> show(@PathParam("tenant_id") String projectId, @Context UriInfo uri) {
        policy.enforce(RULE + "show", Policy.projectReader(projectId));
        Window window = window(uri, SHOW_PARAMETERS);
        Report report = usage.report(window.start(), window.stop(), projectId, window.page().marker(),
                window.page().limit());
        Map<String, Object> body = new LinkedHashMap<>();
        // A project without usage in the window is an empty object, as in Nova.
        body.put("tenant_usage", report.projects().isEmpty() ? Map.of()
                : UsageViews.PROJECT.render(report.projects().get(0), new UsageViews.Detail(true, version.get()),
                        version.get()));
        links(uri, window, report).ifPresent(l -> body.put("tenant_usage_links", l));
        return body;
    }

    private Window window(UriInfo uri, Set<String> parameters) {
        QueryParameters.onlyKnownFrom(uri, version, ComputeVersions.STRICT_QUERY, parameters);
        Instant now = clock.now();
        String start = QueryParameters.first(uri, "start");
        String end = QueryParameters.first(uri, "end");
        Instant from = start == null || start.isEmpty() ? now : usageTime(start);
        Instant to = end == null || end.isEmpty() ? now : usageTime(end);
        // Nova reads the clock once for each bound left out, so two left out make a (tiny) valid window
        boolean bothNow = from.equals(now) && to.equals(now);
        if (!from.isBefore(to) && !bothNow) {
            throw ApiException.badRequest("Invalid start time. The start time cannot occur after the end time.");
        }
        if (to.isAfter(now)) {
            to = now;
        }
        boolean paged = ComputeVersions.USAGE_PAGING.contains(version.get());
        PageRequest page = paged
                ? PageRequest.of(QueryParameters.first(uri, "limit"), QueryParameters.first(uri, "marker"),
                        api.maxPageSize())
                : new PageRequest(Integer.MAX_VALUE - 1, null);
        return new Window(from, to, page, paged);
    }

    private static DateTimeFormatter withMicros(String pattern) {
        return new DateTimeFormatterBuilder().appendPattern(pattern)
                .appendFraction(ChronoField.MICRO_OF_SECOND, 1, 6, true).toFormatter();
    }

    /** The formats Nova's usage API reads, all UTC: with a 'T' and optional microseconds, or with a space. */
    private static Instant usageTime(String value) {
        for (DateTimeFormatter format : USAGE_TIME_FORMATS) {
            try {
                return LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        throw ApiException.badRequest("Invalid datetime string: Datetime is in invalid format");
    }

    private java.util.Optional<List<Link>> links(UriInfo uri, Window window, Report report) {
        if (!window.paged() || !report.more() || report.servers().isEmpty()) {
            return java.util.Optional.empty();
        }
        String last = report.servers().get(report.servers().size() - 1).instance().uuid();
        return java.util.Optional.of(List.of(Link.of("next",
                PageLinks.nextHref(uri, api.publicUrl().orElse(null), last))));
    }
}
