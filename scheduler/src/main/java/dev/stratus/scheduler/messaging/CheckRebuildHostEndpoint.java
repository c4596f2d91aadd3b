package dev.stratus.scheduler.messaging;

import dev.stratus.common.compute.CheckRebuildHost;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.HostCheck;
import dev.stratus.common.messaging.MessageContext;
import dev.stratus.common.messaging.MessageType;
import dev.stratus.common.messaging.cdi.RpcEndpoint;
import dev.stratus.scheduler.service.RebuildCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** compute-api asks whether a rebuild's new image fits the instance's host (a call). */
@ApplicationScoped
public class CheckRebuildHostEndpoint implements RpcEndpoint<CheckRebuildHost, HostCheck> {

    private final RebuildCheck check;

    public CheckRebuildHostEndpoint(RebuildCheck check) {
        this.check = check;
    }

    @Override
    public String topic() {
        return ComputeTopics.SCHEDULER;
    }

    @Override
    public MessageType<CheckRebuildHost> requestType() {
        return CheckRebuildHost.TYPE;
    }

    @Override
    public MessageType<HostCheck> replyType() {
        return HostCheck.TYPE;
    }

    @Override
    public CompletionStage<HostCheck> handle(CheckRebuildHost request, MessageContext context) {
        return CompletableFuture.completedFuture(check.check(request));
    }
}
