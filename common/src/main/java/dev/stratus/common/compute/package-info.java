/**
 * The versioned messages that compute-api, the scheduler and compute nodes exchange, and the topics they
 * travel on. One record per message, each with its {@code TYPE}; shared value records (flavor, image,
 * hints) are carried inside them. Changing a record's meaning means a new version in its {@code TYPE}.
 *
 * <pre>
 * compute-api  --schedule_instances-->        scheduler
 * scheduler    --build_instance-->            compute.&lt;host&gt;
 * compute node --reschedule_instance-->       scheduler      (a build failed; try an alternate)
 * scheduler    --instance_state (ERROR)-->    conductor      (no host, or attempts exhausted)
 * compute node --instance_state-->            conductor      (every state change, idempotent)
 * compute-api  --instance_action / delete_instance--> compute.&lt;host&gt;
 * compute-api  --get_console_output (call)--> compute.&lt;host&gt;
 * compute-api  --get_instance_diagnostics (call)--> compute.&lt;host&gt;
 * compute-api  --release_allocations-->       scheduler      (instance gone; returns its capacity once)
 * compute-api  --service_status, host_aggregates--> scheduler (operator changes)
 * compute-api  --schedule_move (evacuation)-->  scheduler
 * scheduler    --evacuate_instance-->         compute.&lt;dest&gt;  (the source is down; built anew)
 * compute-api  --destroy_evacuated_instance--> compute.&lt;source&gt; (the source reports again)
 * compute node --service_heartbeat (fanout compute.services)--> compute-api and scheduler
 * </pre>
 */
package dev.stratus.common.compute;
