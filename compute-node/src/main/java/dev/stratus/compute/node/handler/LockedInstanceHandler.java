package dev.stratus.compute.node.handler;

import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageHandler;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.virt.VirtDriver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The frame of a message handler that works on one instance of this host: the work runs under the instance's lock
 * in the {@link InstanceRegistry}, so two messages about the same instance never interleave, and the message is
 * acknowledged once the work returns (a failure thrown from it requeues the message). Each handler reports its
 * outcome itself through the {@link StateReporter}.
 *
 * <p>A new handler extends it with the message type, passes how the message names its instance, and implements
 * {@link #handleLocked}; other dependencies it keeps in its own fields.
 *
 * @param <M> the message type
 */
public abstract class LockedInstanceHandler<M> implements MessageHandler<M> {

    protected final VirtDriver driver;
    protected final InstanceRegistry registry;
    protected final StateReporter reporter;
    private final Function<M, String> instanceId;

    /** @param instanceId how a message names the instance it is about (the lock's key) */
    protected LockedInstanceHandler(VirtDriver driver, InstanceRegistry registry, StateReporter reporter,
            Function<M, String> instanceId) {
        this.driver = driver;
        this.registry = registry;
        this.reporter = reporter;
        this.instanceId = instanceId;
    }

    @Override
    public final CompletionStage<?> handle(M message, MessageContext context) throws Exception {
        registry.withLock(instanceId.apply(message), () -> {
            handleLocked(message, context);
            return null;
        });
        return CompletableFuture.completedFuture(null);
    }

    /** The handler's work, with the instance's lock held. */
    protected abstract void handleLocked(M message, MessageContext context) throws Exception;
}
