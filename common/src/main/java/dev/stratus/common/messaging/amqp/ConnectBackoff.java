package dev.stratus.common.messaging.amqp;

import com.rabbitmq.client.RecoveryDelayHandler;

import java.time.Duration;

/**
 * Doubling delay between connection attempts, capped. The same policy drives both the first connection
 * (our own retry loop) and the client's automatic recovery, so an operator tunes one thing.
 */
public final class ConnectBackoff implements RecoveryDelayHandler {

    private final long initialMillis;
    private final long maxMillis;

    public ConnectBackoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
    }

    /**
     * @param attempt 0 for the first retry
     */
    @Override
    public long getDelay(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long delay = initialMillis << shift;
        return delay <= 0 || delay > maxMillis ? maxMillis : delay;
    }
}
