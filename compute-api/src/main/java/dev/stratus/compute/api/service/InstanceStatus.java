package dev.stratus.compute.api.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API {@code status} of an instance from its vm_state and task_state, as Nova maps them
 * (nova/api/openstack/common.py), and the reverse used by the {@code status} list filter.
 */
public final class InstanceStatus {

    private static final Set<String> SOFT_REBOOT = Set.of("rebooting", "reboot_pending", "reboot_started");
    private static final Set<String> HARD_REBOOT = Set.of("rebooting_hard", "reboot_pending_hard",
            "reboot_started_hard");
    private static final Set<String> REBUILD = Set.of("rebuilding", "rebuild_block_device_mapping",
            "rebuild_spawning");
    private static final Set<String> RESIZE = Set.of("resize_prep", "resize_migrating", "resize_migrated",
            "resize_finish");

    private static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("active", "ACTIVE"),
            Map.entry("building", "BUILD"), Map.entry("stopped", "SHUTOFF"), Map.entry("resized", "VERIFY_RESIZE"),
            Map.entry("paused", "PAUSED"), Map.entry("suspended", "SUSPENDED"), Map.entry("rescued", "RESCUE"),
            Map.entry("error", "ERROR"), Map.entry("deleted", "DELETED"), Map.entry("soft-delete", "SOFT_DELETED"),
            Map.entry("shelved", "SHELVED"), Map.entry("shelved_offloaded", "SHELVED_OFFLOADED"));

    private InstanceStatus() {
    }

    public static String of(String vmState, String taskState) {
        if (taskState != null) {
            switch (vmState) {
                case "active" -> {
                    if (SOFT_REBOOT.contains(taskState)) {
                        return "REBOOT";
                    }
                    if (HARD_REBOOT.contains(taskState)) {
                        return "HARD_REBOOT";
                    }
                    if (REBUILD.contains(taskState)) {
                        return "REBUILD";
                    }
                    if (RESIZE.contains(taskState)) {
                        return "RESIZE";
                    }
                    if (taskState.equals("migrating")) {
                        return "MIGRATING";
                    }
                    if (taskState.equals("updating_password")) {
                        return "PASSWORD";
                    }
                }
                case "stopped" -> {
                    if (REBUILD.contains(taskState)) {
                        return "REBUILD";
                    }
                    if (RESIZE.contains(taskState)) {
                        return "RESIZE";
                    }
                }
                case "resized" -> {
                    if (taskState.equals("resize_reverting")) {
                        return "REVERT_RESIZE";
                    }
                }
                case "paused" -> {
                    if (taskState.equals("migrating")) {
                        return "MIGRATING";
                    }
                }
                case "error" -> {
                    if (REBUILD.contains(taskState)) {
                        return "REBUILD";
                    }
                }
                default -> {
                }
            }
        }
        return DEFAULTS.getOrDefault(vmState, "UNKNOWN");
    }

    /** Whether Nova shows {@code progress} for this status. */
    public static boolean showsProgress(String status) {
        return switch (status) {
            case "ACTIVE", "BUILD", "REBUILD", "RESIZE", "VERIFY_RESIZE", "MIGRATING" -> true;
            default -> false;
        };
    }

    /**
     * A SQL condition on {@code i.vm_state}/{@code i.task_state} for one API status, with its parameters; null
     * for an unknown status (Nova answers an empty list for those).
     */
    public static Condition condition(String status) {
        List<Object> params = new ArrayList<>();
        String sql;
        switch (status.toUpperCase()) {
            case "ACTIVE" -> sql = "(i.vm_state = 'active' and (i.task_state is null or not (i.task_state = any(?))))";
            case "REBOOT" -> sql = "(i.vm_state = 'active' and i.task_state = any(?))";
            case "HARD_REBOOT" -> sql = "(i.vm_state = 'active' and i.task_state = any(?))";
            case "REBUILD" -> sql = "(i.vm_state in ('active', 'stopped', 'error') and i.task_state = any(?))";
            case "RESIZE" -> sql = "(i.vm_state in ('active', 'stopped') and i.task_state = any(?))";
            case "MIGRATING" -> sql = "(i.vm_state in ('active', 'paused') and i.task_state = 'migrating')";
            case "PASSWORD" -> sql = "(i.vm_state = 'active' and i.task_state = 'updating_password')";
            case "REVERT_RESIZE" -> sql = "(i.vm_state = 'resized' and i.task_state = 'resize_reverting')";
            default -> {
                String vm = DEFAULTS.entrySet().stream().filter(e -> e.getValue().equals(status.toUpperCase()))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                if (vm == null) {
                    return null;
                }
                params.add(vm);
                return new Condition("i.vm_state = ?", params);
            }
        }
        switch (status.toUpperCase()) {
            case "ACTIVE" -> {
                List<String> busy = new ArrayList<>(SOFT_REBOOT);
                busy.addAll(HARD_REBOOT);
                busy.addAll(REBUILD);
                busy.addAll(RESIZE);
                busy.add("migrating");
                busy.add("updating_password");
                params.add(busy);
            }
            case "REBOOT" -> params.add(List.copyOf(SOFT_REBOOT));
            case "HARD_REBOOT" -> params.add(List.copyOf(HARD_REBOOT));
            case "REBUILD" -> params.add(List.copyOf(REBUILD));
            case "RESIZE" -> params.add(List.copyOf(RESIZE));
            default -> {
            }
        }
        return new Condition(sql, params);
    }

    public record Condition(String sql, List<Object> params) {
    }
}
