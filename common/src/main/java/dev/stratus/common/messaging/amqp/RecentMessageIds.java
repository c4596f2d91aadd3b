package dev.stratus.common.messaging.amqp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last N messages a consumer handled successfully. The broker redelivers a message whose
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

    public synchronized void add(String messageId) {
        ids.put(messageId, Boolean.TRUE);
    }

    public synchronized int size() {
        return ids.size();
    }
}
