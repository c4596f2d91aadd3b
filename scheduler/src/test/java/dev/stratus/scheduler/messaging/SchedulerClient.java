package dev.stratus.scheduler.messaging;

import static io.restassured.RestAssured.given;

import dev.stratus.common.compute.CommitMoveAllocations;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.common.compute.ReturnAllocations;
import dev.stratus.common.compute.HostResources;
import dev.stratus.common.compute.ReleaseAllocations;
import dev.stratus.common.compute.RescheduleInstance;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.ServiceHeartbeat;
import dev.stratus.common.compute.ServiceStatus;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.scheduler.SchedulerTestKeys;
import dev.stratus.scheduler.service.HostState;
import dev.stratus.scheduler.service.HostStateCache;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What compute-api and compute nodes send the scheduler, sent the way they send it (casts to the
 * {@code scheduler} topic, heartbeats on the services fanout, through the real broker), and the Placement
 * API reads a test judges the outcome by.
 */
@ApplicationScoped
public class SchedulerClient {

    private final Messaging messaging;
    private final HostStateCache cache;
    private final SchedulerTestKeys keys;

    public SchedulerClient(Messaging messaging, HostStateCache cache, SchedulerTestKeys keys) {
        this.messaging = messaging;
        this.cache = cache;
        this.keys = keys;
    }

    /** Waits until the scheduler consumes its queues (the first test of a run may come before that). */
    public void ready() {
        await(messaging.ready());
    }

    public void schedule(ScheduleInstances request) {
        await(messaging.cast(ComputeTopics.SCHEDULER, ScheduleInstances.TYPE, request, "req-" + UUID.randomUUID()));
    }

    public void release(List<String> instanceIds) {
        await(messaging.cast(ComputeTopics.SCHEDULER, ReleaseAllocations.TYPE, new ReleaseAllocations(instanceIds),
                "req-" + UUID.randomUUID()));
    }

    public void reschedule(RescheduleInstance message) {
        await(messaging.cast(ComputeTopics.SCHEDULER, RescheduleInstance.TYPE, message, "req-" + UUID.randomUUID()));
    }

    public void scheduleMove(ScheduleMove request) {
        await(messaging.cast(ComputeTopics.SCHEDULER, ScheduleMove.TYPE, request, "req-" + UUID.randomUUID()));
    }

    /** The call compute-api makes before a rebuild with a new image. */
    public dev.stratus.common.compute.HostCheck checkRebuildHost(dev.stratus.common.compute.CheckRebuildHost request) {
        return await(messaging.call(ComputeTopics.SCHEDULER, dev.stratus.common.compute.CheckRebuildHost.TYPE, request,
                dev.stratus.common.compute.HostCheck.TYPE));
    }

    public void returnAllocations(List<String> instanceIds) {
        await(messaging.cast(ComputeTopics.SCHEDULER, ReturnAllocations.TYPE, new ReturnAllocations(instanceIds),
                "req-" + UUID.randomUUID()));
    }

    public void commitMove(String instanceId, String migrationId) {
        await(messaging.cast(ComputeTopics.SCHEDULER, CommitMoveAllocations.TYPE,
                new CommitMoveAllocations(instanceId, migrationId), "req-" + UUID.randomUUID()));
    }

    public void status(ServiceStatus status) {
        await(messaging.cast(ComputeTopics.SCHEDULER, ServiceStatus.TYPE, status, "req-" + UUID.randomUUID()));
    }

    /** A heartbeat on the services fanout, as a node sends it, reported at {@code at}. */
    public void heartbeat(String host, HostResources resources, Instant at) {
        await(messaging.broadcast(ComputeTopics.SERVICES_FANOUT, ServiceHeartbeat.TYPE,
                new ServiceHeartbeat(host, "stratus-compute", "1.0", at, at, 10, resources), "req-" + UUID.randomUUID()));
    }

    public HostState host(String host) {
        return cache.host(host).orElseThrow(() -> new AssertionError("host " + host + " unknown to the scheduler"));
    }

    /** GET /resource_providers/{uuid}/usages of the host's provider. */
    public Map<String, Long> usages(String host) {
        JsonPath body = given().header("X-Auth-Token", keys.admin()).header("OpenStack-API-Version", "placement 1.19")
                .get("/resource_providers/" + host(host).providerUuid() + "/usages").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Long> usages = new TreeMap<>();
        body.getMap("usages", String.class, Number.class).forEach((rc, n) -> usages.put(rc, n.longValue()));
        return usages;
    }

    /** GET /allocations/{consumer}: resources by provider uuid. */
    public Map<String, Map<String, Long>> allocations(String instanceId) {
        JsonPath body = given().header("X-Auth-Token", keys.admin()).header("OpenStack-API-Version", "placement 1.28")
                .get("/allocations/" + instanceId).then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Long>> result = new TreeMap<>();
        Map<String, Object> byProvider = body.getMap("allocations");
        for (String provider : byProvider.keySet()) {
            Map<String, Long> resources = new TreeMap<>();
            body.getMap("allocations.'" + provider + "'.resources", String.class, Number.class)
                    .forEach((rc, n) -> resources.put(rc, n.longValue()));
            result.put(provider, resources);
        }
        return result;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("not confirmed by the broker: " + e, e);
        }
    }
}
