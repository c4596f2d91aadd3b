package dev.stratus.compute.api.view;

import static dev.stratus.common.web.VersionRange.between;
import static dev.stratus.common.web.VersionRange.since;

import dev.stratus.common.web.ApiVersion;
import dev.stratus.compute.api.persistence.InstanceActionRepository.ActionRow;
import dev.stratus.compute.api.persistence.InstanceActionRepository.EventRow;
import java.util.Map;

/**
 * os-instance-actions bodies: updated_at from 2.58; events for admins, and for everyone from 2.51
 * without the traceback; event host for admins and hostId for everyone from 2.62; details from 2.84.
 */
public final class InstanceActionView {

    /** @param hostId the instance's hostId (2.62) */
    public record Context(boolean admin, String hostIdOf) {
    }

    private static final VersionedFields<ActionRow, Context> ACTION = new VersionedFields<ActionRow, Context>()
            .always("action", (a, c) -> a.action())
            .always("instance_uuid", (a, c) -> a.instanceUuid())
            .always("message", (a, c) -> a.message())
            .always("project_id", (a, c) -> a.projectId() == null ? "" : a.projectId())
            .always("request_id", (a, c) -> a.requestId())
            .always("start_time", (a, c) -> Times.micros(a.startTime()))
            .always("user_id", (a, c) -> a.userId() == null ? "" : a.userId())
            .in(since("2.58"), "updated_at", (a, c) -> Times.micros(a.updatedAt() != null ? a.updatedAt()
                    : a.startTime()));

    private static final VersionedFields<EventRow, Context> EVENT = new VersionedFields<EventRow, Context>()
            .always("event", (e, c) -> e.event())
            .always("start_time", (e, c) -> Times.micros(e.startTime()))
            .always("finish_time", (e, c) -> Times.micros(e.finishTime()))
            .always("result", (e, c) -> e.result())
            .when(since("2.1"), "traceback", (e, c) -> c.admin(), (e, c) -> e.traceback())
            .when(since("2.62"), "host", (e, c) -> c.admin(), (e, c) -> e.host() == null ? "" : e.host())
            .in(since("2.62"), "hostId", (e, c) -> c.hostIdOf())
            .in(since("2.84"), "details", (e, c) -> e.details());

    /** Who sees the events of an action. */
    private static final VersionedFields<Boolean, Void> EVENTS_VISIBLE = new VersionedFields<Boolean, Void>()
            .when(between("2.1", "2.50"), "visible", (admin, c) -> admin, (admin, c) -> true)
            .in(since("2.51"), "visible", (admin, c) -> true);

    private InstanceActionView() {
    }

    public static Map<String, Object> action(ActionRow a, Context c, ApiVersion v) {
        return ACTION.render(a, c, v);
    }

    public static Map<String, Object> event(EventRow e, Context c, ApiVersion v) {
        return EVENT.render(e, c, v);
    }

    public static boolean eventsVisible(boolean admin, ApiVersion v) {
        return !EVENTS_VISIBLE.render(admin, null, v).isEmpty();
    }
}
