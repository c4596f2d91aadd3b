package dev.stratus.common.messaging;

import java.time.Duration;

/** No reply to a call arrived within its timeout. The request may still be (or have been) handled. */
public class RpcTimeoutException extends MessagingException {

    private final String topic;
    private final String messageName;
    private final Duration timeout;
    private final String correlationId;

    public RpcTimeoutException(String topic, String messageName, Duration timeout, String correlationId,
            String requestId) {
        super("call '" + messageName + "' to topic '" + topic + "' got no reply within " + timeout.toMillis()
                + " ms (correlation id " + correlationId + ", request id " + requestId + ")");
        this.topic = topic;
        this.messageName = messageName;
        this.timeout = timeout;
        this.correlationId = correlationId;
    }

    public String topic() {
        return topic;
    }

    public String messageName() {
        return messageName;
    }

    public Duration timeout() {
        return timeout;
    }

    public String correlationId() {
        return correlationId;
    }
}
