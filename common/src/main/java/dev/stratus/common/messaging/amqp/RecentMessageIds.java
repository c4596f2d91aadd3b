package dev.stratus.common.messaging.amqp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last N messages a consumer is handling or handled successfully. The broker redelivers a message whose
 * ack was lost with a connection, and publishers republish unconfirmed ones: both are exact duplicates
 * that this drops cheaply. It is only a first line of defence (bounded, in memory, per process); handlers
 * stay idempotent.
 */
public final class RecentMessageIds {

    private final int capacity;
    private final LinkedHashMap<String, Boolean> ids;

    public RecentMessageIds(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > RecentMessageIds.this.capacity;
            }
        };
    }

    public synchronized boolean contains(String messageId) {
        return ids.get(messageId) != null;
    }

    /**
     * Claims a message for handling: false when the same id is being handled or was handled already, so a
     * copy arriving while the first is still in its handler is dropped too (if that first attempt fails,
     * {@link #release} lets its requeued delivery through).
     */
    public synchronized boolean claim(String messageId) {
        if (ids.get(messageId) != null) {
            return false;
        }
        ids.put(messageId, Boolean.FALSE);
        return true;
    }

    /** The claimed message failed: a later delivery of it must be handled. */
    public synchronized void release(String messageId) {
        ids.remove(messageId);
    }

    public synchronized void add(String messageId) {
        ids.put(messageId, Boolean.TRUE);
    }

    public synchronized int size() {
        return ids.size();
    }
}
