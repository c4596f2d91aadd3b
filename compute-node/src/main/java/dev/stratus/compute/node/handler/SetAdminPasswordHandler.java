package dev.stratus.compute.node.handler;

import dev.stratus.common.compute.AdminPasswordResult;
import dev.stratus.common.compute.AdminPasswordResult.Outcome;
import dev.stratus.common.compute.SetAdminPassword;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.RpcHandler;
import dev.stratus.compute.node.instance.InstanceRegistry;
import dev.stratus.compute.node.report.ActionEvents;
import dev.stratus.compute.node.report.StateReport;
import dev.stratus.compute.node.report.StateReporter;
import dev.stratus.compute.node.virt.PasswordNotSettable;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * {@code set_admin_password} (a call, as in Nova): the driver sets the guest's administrator password; the answer
 * says whether it did, and the action's event and the end of the task (updating_password) are reported either way.
 */
public class SetAdminPasswordHandler implements RpcHandler<SetAdminPassword, AdminPasswordResult> {

    private static final Logger LOG = Logger.getLogger(SetAdminPasswordHandler.class);

    private final VirtDriver driver;
    private final InstanceRegistry registry;
    private final StateReporter reporter;

    public SetAdminPasswordHandler(VirtDriver driver, InstanceRegistry registry, StateReporter reporter) {
        this.driver = driver;
        this.registry = registry;
        this.reporter = reporter;
    }

    @Override
    public CompletionStage<AdminPasswordResult> handle(SetAdminPassword request, MessageContext context)
            throws Exception {
        return CompletableFuture.completedFuture(registry.withLock(request.instanceId(), () -> set(request)));
    }

    private AdminPasswordResult set(SetAdminPassword request) throws Exception {
        String id = request.instanceId();
        Instant start = reporter.now();
        AdminPasswordResult result;
        if (registry.get(id).isEmpty()) {
            result = new AdminPasswordResult(Outcome.FAILED, "instance " + id + " is not on host " + reporter.host());
        } else {
            try {
                driver.setAdminPassword(id, request.password());
                result = new AdminPasswordResult(Outcome.SET, null);
            } catch (PasswordNotSettable e) {
                result = new AdminPasswordResult(e.agentMissing() ? Outcome.AGENT_NOT_ENABLED : Outcome.NOT_SUPPORTED,
                        e.getMessage());
            } catch (VirtException e) {
                result = new AdminPasswordResult(Outcome.FAILED, e.getMessage());
            }
        }
        boolean set = result.outcome() == Outcome.SET;
        if (!set) {
            LOG.infof("Password of %s not set on %s: %s", id, reporter.host(), result.message());
        }
        reporter.send(StateReport.of(id).clearTaskState().event(reporter.finished(ActionEvents.SET_ADMIN_PASSWORD,
                request.actionRequestId(), start, set ? ActionEvents.SUCCESS : ActionEvents.ERROR,
                set ? null : result.message())));
        return result;
    }
}
