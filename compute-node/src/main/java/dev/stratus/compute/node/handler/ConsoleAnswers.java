package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.GuestConsoleEndpoint.Outcome;
import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.ConsoleUnavailable;
import dev.stratus.compute.node.virt.VirtException;
import org.jboss.logging.Logger;

/** A driver's console endpoint, or why there is none, as the answer of a console call. */
final class ConsoleAnswers {

    private static final Logger LOG = Logger.getLogger(ConsoleAnswers.class);

    /** The driver's call that finds the endpoint. */
    @FunctionalInterface
    interface Lookup {
        ConsoleEndpoint find() throws VirtException;
    }

    private ConsoleAnswers() {
    }

    static GuestConsoleEndpoint answer(String instanceId, Lookup lookup) {
        try {
            ConsoleEndpoint endpoint = lookup.find();
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
}
