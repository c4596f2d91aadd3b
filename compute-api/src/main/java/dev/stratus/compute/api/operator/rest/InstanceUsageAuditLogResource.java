package dev.stratus.compute.api.operator.rest;

import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.compute.api.operator.service.UsageAuditReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Map;

/**
 * {@code /v2.1/os-instance_usage_audit_log[/{before}]} (admins): the instance usage audit of the last completed
 * period, or of the last one completed before a time ({@code YYYY-MM-DD hh:mm:ss[.ffffff]}, UTC).
 */
@Path("/v2.1/os-instance_usage_audit_log")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceUsageAuditLogResource {

    private static final String RULE = "os_compute_api:os-instance-usage-audit-log:";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter FRACTION = new DateTimeFormatterBuilder().append(SECONDS)
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).toFormatter();

    private final Policy policy;
    private final UsageAuditReport report;

    public InstanceUsageAuditLogResource(Policy policy, UsageAuditReport report) {
        this.policy = policy;
        this.report = report;
    }

    @GET
    public Map<String, Object> list() {
        policy.enforce(RULE + "list", Policy.admin());
        return Map.of("instance_usage_audit_logs", report.before(LocalDateTime.now(ZoneOffset.UTC)));
    }

    @GET
    @Path("{before}")
    public Map<String, Object> show(@PathParam("before") String before) {
        policy.enforce(RULE + "show", Policy.admin());
        LocalDateTime at;
        try {
            at = LocalDateTime.parse(before, before.contains(".") ? FRACTION : SECONDS);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Invalid timestamp for date " + before);
        }
        return Map.of("instance_usage_audit_log", report.before(at));
    }
}
