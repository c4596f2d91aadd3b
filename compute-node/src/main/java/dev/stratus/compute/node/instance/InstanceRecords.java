package dev.stratus.compute.node.instance;

import java.util.List;

/** Where a node keeps its instances across restarts (the hypervisor keeps the guests, not their flavors). */
public interface InstanceRecords {

    void save(TrackedInstance instance);

    void remove(String instanceId);

    List<TrackedInstance> loadAll();

    /** Nothing survives a restart: for the fake driver, whose guests do not survive one either. */
    InstanceRecords NONE = new InstanceRecords() {
        @Override
        public void save(TrackedInstance instance) {
        }

        @Override
        public void remove(String instanceId) {
        }

        @Override
        public List<TrackedInstance> loadAll() {
            return List.of();
        }
    };
}
