package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.GuestConsoleEndpoint.Outcome;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.RpcHandler;
import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.ConsoleUnavailable;
import dev.stratus.compute.node.virt.VirtException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A console call (as in Nova): where one kind of the guest's console listens, as its proxy reaches it, or why it
 * does not. With that kind turned off on this host the console is unavailable, as Nova's compute manager answers;
 * the driver tells the rest. Nothing changes on the host, so no lock is taken.
 *
 * @param <Q> the request
 */
abstract class GuestConsoleHandler<Q> implements RpcHandler<Q, GuestConsoleEndpoint> {

    private static final Logger LOG = Logger.getLogger(GuestConsoleHandler.class);

    private final boolean enabled;
    private final String turnedOff;
    private final Function<Q, String> instanceId;

    /**
     * @param enabled whether this kind of console is turned on on this host
     * @param turnedOff the answer's message when it is not
     * @param instanceId how the request names its instance
     */
    GuestConsoleHandler(boolean enabled, String turnedOff, Function<Q, String> instanceId) {
        this.enabled = enabled;
        this.turnedOff = turnedOff;
        this.instanceId = instanceId;
    }

    @Override
    public CompletionStage<GuestConsoleEndpoint> handle(Q request, MessageContext context) {
        return CompletableFuture.completedFuture(locate(instanceId.apply(request)));
    }

    GuestConsoleEndpoint locate(String instanceId) {
        if (!enabled) {
            return GuestConsoleEndpoint.refused(Outcome.UNAVAILABLE, turnedOff);
        }
        try {
            ConsoleEndpoint endpoint = find(instanceId);
            return GuestConsoleEndpoint.ready(endpoint.host(), endpoint.port());
        } catch (ConsoleUnavailable e) {
            return GuestConsoleEndpoint.refused(switch (e.reason()) {
                case NOT_READY -> Outcome.NOT_READY;
                case NOT_FOUND -> Outcome.NOT_FOUND;
                case NO_DISPLAY, NO_SERIAL_PORT -> Outcome.UNAVAILABLE;
                case NOT_SUPPORTED -> Outcome.NOT_SUPPORTED;
            }, e.getMessage());
        } catch (VirtException e) {
            LOG.infof("The console of %s was not found: %s", instanceId, e.getMessage());
            return GuestConsoleEndpoint.refused(Outcome.FAILED, e.getMessage());
        }
    }

    /** The driver's endpoint of this kind of console. */
    abstract ConsoleEndpoint find(String instanceId) throws VirtException;
}
