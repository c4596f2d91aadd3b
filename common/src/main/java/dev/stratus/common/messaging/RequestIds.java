package dev.stratus.common.messaging;

import org.jboss.logging.MDC;

import java.util.UUID;

/**
 * OpenStack request ids ({@code req-<uuid>}) travel with every message so that the log lines of all the
 * services touched by one API request can be found together.
 */
public final class RequestIds {

    /** AMQP header that repeats the envelope's request id, readable without parsing the body. */
    public static final String HEADER = "x-openstack-request-id";
    /** Logging MDC key set while a handler runs; put the same key in the MDC to have casts inherit it. */
    public static final String MDC_KEY = "request_id";

    private RequestIds() {
    }

    public static String newId() {
        return "req-" + UUID.randomUUID();
    }

    /**
     * The request id of the work this thread is doing (a handler's message, or whatever a REST filter
     * put in the MDC under {@link #MDC_KEY}), else a new one.
     */
    public static String currentOrNew() {
        Object current = MDC.get(MDC_KEY);
        return current instanceof String s && !s.isBlank() ? s : newId();
    }
}
