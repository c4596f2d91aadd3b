package dev.stratus.common.fault;

/**
 * The error-body dialect a service speaks. Each OpenStack project formats its faults differently and
 * clients parse the one of the service they talk to, so the style is chosen per service.
 */
public enum FaultStyle {
    /** Nova: {@code {"itemNotFound": {"code": 404, "message": "..."}}}. */
    NOVA,
    /** Keystone: {@code {"error": {"code": 404, "title": "Not Found", "message": "..."}}}. */
    KEYSTONE,
    /** Neutron: {@code {"NeutronError": {"type": "NetworkNotFound", "message": "...", "detail": ""}}}. */
    NEUTRON,
    /**
     * Placement: {@code {"errors": [{"status": 404, "title": "Not Found", "detail": "...",
     * "code": "placement.undefined_code", "request_id": "req-..."}]}}; an {@link ApiException#type()} is the
     * {@code code} (e.g. {@code placement.concurrent_update}).
     */
    PLACEMENT
}
