package dev.stratus.compute.api.messaging;

import dev.stratus.common.compute.AdminPasswordResult;
import dev.stratus.common.compute.AttachInterface;
import dev.stratus.common.compute.DetachInterface;
import dev.stratus.common.compute.InterfaceResult;
import dev.stratus.common.compute.CommitMoveAllocations;
import dev.stratus.common.compute.CheckRebuildHost;
import dev.stratus.common.compute.ComputeTopics;
import dev.stratus.common.compute.HostCheck;
import dev.stratus.common.compute.ConsoleOutput;
import dev.stratus.common.compute.ConsoleOutputRequest;
import dev.stratus.common.compute.DeleteInstance;
import dev.stratus.common.compute.DestroyEvacuated;
import dev.stratus.common.compute.DiagnosticsRequest;
import dev.stratus.common.compute.DiagnosticsResult;
import dev.stratus.common.compute.InstanceAction;
import dev.stratus.common.compute.MoveInstance;
import dev.stratus.common.compute.RebuildInstance;
import dev.stratus.common.compute.RescueInstance;
import dev.stratus.common.compute.SnapshotInstance;
import dev.stratus.common.compute.ReleaseAllocations;
import dev.stratus.common.compute.ReturnAllocations;
import dev.stratus.common.compute.SetAdminPassword;
import dev.stratus.common.compute.ShelveInstance;
import dev.stratus.common.compute.ScheduleInstances;
import dev.stratus.common.compute.ScheduleMove;
import dev.stratus.common.compute.GuestConsoleEndpoint;
import dev.stratus.common.compute.SerialConsoleRequest;
import dev.stratus.common.compute.VncConsoleRequest;
import dev.stratus.common.messaging.Messaging;
import dev.stratus.common.messaging.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The typed client of what compute-api sends: to the scheduler (schedule, release) and to one compute
 * host (actions, rebuild, moves, snapshot, delete, console output, VNC console, password, diagnostics). Casts complete when the broker
 * confirmed them.
 */
@ApplicationScoped
public class ComputeCasts {

    private final Messaging messaging;

    public ComputeCasts(Messaging messaging) {
        this.messaging = messaging;
    }

    public CompletableFuture<Void> schedule(ScheduleInstances request, String requestId) {
        return messaging.cast(ComputeTopics.SCHEDULER, ScheduleInstances.TYPE, request, requestId);
    }

    public CompletableFuture<Void> release(List<String> instanceIds) {
        return messaging.cast(ComputeTopics.SCHEDULER, ReleaseAllocations.TYPE, new ReleaseAllocations(instanceIds),
                RequestIds.currentOrNew());
    }

    public CompletableFuture<Void> scheduleMove(ScheduleMove request, String requestId) {
        return messaging.cast(ComputeTopics.SCHEDULER, ScheduleMove.TYPE, request, requestId);
    }

    /** A confirmed move's claims: the destination's becomes the instance's. */
    public CompletableFuture<Void> commitMove(String instanceId, String migrationId) {
        return messaging.cast(ComputeTopics.SCHEDULER, CommitMoveAllocations.TYPE,
                new CommitMoveAllocations(instanceId, migrationId), RequestIds.currentOrNew());
    }

    /** To an evacuation's source, running again: destroy the guest of the instance that left it. */
    public CompletableFuture<Void> destroyEvacuated(String host, DestroyEvacuated request) {
        return messaging.cast(ComputeTopics.computeHost(host), DestroyEvacuated.TYPE, request,
                RequestIds.currentOrNew());
    }

    /** One step of a move, to the host that does it. */
    public CompletableFuture<Void> move(String host, MoveInstance step) {
        return messaging.cast(ComputeTopics.computeHost(host), MoveInstance.TYPE, step,
                step.move().actionRequestId());
    }

    /** Shelved instances left their hosts: their claims go back, to be taken again by an unshelve. */
    public CompletableFuture<Void> returnAllocations(List<String> instanceIds) {
        return messaging.cast(ComputeTopics.SCHEDULER, ReturnAllocations.TYPE, new ReturnAllocations(instanceIds),
                RequestIds.currentOrNew());
    }

    public CompletableFuture<Void> shelve(String host, ShelveInstance shelve) {
        return messaging.cast(ComputeTopics.computeHost(host), ShelveInstance.TYPE, shelve, shelve.actionRequestId());
    }

    public CompletableFuture<Void> action(String host, InstanceAction action) {
        return messaging.cast(ComputeTopics.computeHost(host), InstanceAction.TYPE, action, action.actionRequestId());
    }

    public CompletableFuture<Void> rebuild(String host, RebuildInstance rebuild) {
        return messaging.cast(ComputeTopics.computeHost(host), RebuildInstance.TYPE, rebuild,
                rebuild.actionRequestId());
    }

    public CompletableFuture<Void> rescue(String host, RescueInstance rescue) {
        return messaging.cast(ComputeTopics.computeHost(host), RescueInstance.TYPE, rescue, rescue.actionRequestId());
    }

    public CompletableFuture<Void> snapshot(String host, SnapshotInstance snapshot) {
        return messaging.cast(ComputeTopics.computeHost(host), SnapshotInstance.TYPE, snapshot,
                snapshot.actionRequestId());
    }

    public CompletableFuture<Void> delete(String host, DeleteInstance delete) {
        return messaging.cast(ComputeTopics.computeHost(host), DeleteInstance.TYPE, delete, delete.actionRequestId());
    }

    /** Asks the scheduler whether a rebuild's new image fits the instance's host (a call). */
    public CompletableFuture<HostCheck> checkRebuildHost(CheckRebuildHost request) {
        return messaging.call(ComputeTopics.SCHEDULER, CheckRebuildHost.TYPE, request, HostCheck.TYPE);
    }

    public CompletableFuture<AdminPasswordResult> setAdminPassword(String host, SetAdminPassword request,
            Duration timeout) {
        return messaging.call(ComputeTopics.computeHost(host), SetAdminPassword.TYPE, request, AdminPasswordResult.TYPE,
                timeout, request.actionRequestId());
    }

    public CompletableFuture<InterfaceResult> attachInterface(String host, AttachInterface request, Duration timeout) {
        return messaging.call(ComputeTopics.computeHost(host), AttachInterface.TYPE, request, InterfaceResult.TYPE,
                timeout, request.actionRequestId());
    }

    public CompletableFuture<InterfaceResult> detachInterface(String host, DetachInterface request, Duration timeout) {
        return messaging.call(ComputeTopics.computeHost(host), DetachInterface.TYPE, request, InterfaceResult.TYPE,
                timeout, request.actionRequestId());
    }

    public CompletableFuture<ConsoleOutput> consoleOutput(String host, ConsoleOutputRequest request, Duration timeout) {
        return messaging.call(ComputeTopics.computeHost(host), ConsoleOutputRequest.TYPE, request, ConsoleOutput.TYPE,
                timeout, RequestIds.currentOrNew());
    }

    public CompletableFuture<GuestConsoleEndpoint> vncConsole(String host, VncConsoleRequest request, Duration timeout) {
        return messaging.call(ComputeTopics.computeHost(host), VncConsoleRequest.TYPE, request, GuestConsoleEndpoint.TYPE,
                timeout, RequestIds.currentOrNew());
    }

    public CompletableFuture<GuestConsoleEndpoint> serialConsole(String host, SerialConsoleRequest request,
            Duration timeout) {
        return messaging.call(ComputeTopics.computeHost(host), SerialConsoleRequest.TYPE, request,
                GuestConsoleEndpoint.TYPE, timeout, RequestIds.currentOrNew());
    }

    public CompletableFuture<DiagnosticsResult> diagnostics(String host, DiagnosticsRequest request,
            Duration timeout) {
        return messaging.call(ComputeTopics.computeHost(host), DiagnosticsRequest.TYPE, request,
                DiagnosticsResult.TYPE, timeout, RequestIds.currentOrNew());
    }
}
