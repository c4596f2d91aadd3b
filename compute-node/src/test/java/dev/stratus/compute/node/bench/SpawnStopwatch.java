package dev.stratus.compute.node.bench;

import dev.stratus.common.compute.GuestDiagnostics;
import dev.stratus.compute.node.virt.DriverCapabilities;
import dev.stratus.compute.node.virt.GuestSpec;
import dev.stratus.compute.node.virt.HostInventory;
import dev.stratus.compute.node.virt.LifecycleEvent;
import dev.stratus.compute.node.virt.PowerState;
import dev.stratus.compute.node.virt.VirtDriver;
import dev.stratus.compute.node.virt.VirtException;
import java.util.Map;
import java.util.function.Consumer;

/** A driver that notes when its last spawn returned (the domain started), passing every call through. */
final class SpawnStopwatch implements VirtDriver {

    private final VirtDriver driver;

    private volatile long spawnReturnedNanos;

    SpawnStopwatch(VirtDriver driver) {
        this.driver = driver;
    }

    long spawnReturnedNanos() {
        return spawnReturnedNanos;
    }

    @Override
    public void spawn(GuestSpec guest) throws VirtException {
        driver.spawn(guest);
        spawnReturnedNanos = System.nanoTime();
    }

    @Override
    public String name() {
        return driver.name();
    }

    @Override
    public DriverCapabilities capabilities() {
        return driver.capabilities();
    }

    @Override
    public HostInventory hostInventory() {
        return driver.hostInventory();
    }

    @Override
    public void destroy(String instanceId) throws VirtException {
        driver.destroy(instanceId);
    }

    @Override
    public void snapshot(String instanceId, java.nio.file.Path target) throws VirtException {
        driver.snapshot(instanceId, target);
    }

    @Override
    public void powerOn(String instanceId) throws VirtException {
        driver.powerOn(instanceId);
    }

    @Override
    public void powerOff(String instanceId, boolean graceful, int timeoutSeconds) throws VirtException {
        driver.powerOff(instanceId, graceful, timeoutSeconds);
    }

    @Override
    public void reboot(String instanceId, boolean hard) throws VirtException {
        driver.reboot(instanceId, hard);
    }

    @Override
    public void pause(String instanceId) throws VirtException {
        driver.pause(instanceId);
    }

    @Override
    public void unpause(String instanceId) throws VirtException {
        driver.unpause(instanceId);
    }

    @Override
    public void suspend(String instanceId) throws VirtException {
        driver.suspend(instanceId);
    }

    @Override
    public void resume(String instanceId) throws VirtException {
        driver.resume(instanceId);
    }

    @Override
    public void rescue(dev.stratus.compute.node.virt.GuestSpec rescue) throws VirtException {
        driver.rescue(rescue);
    }

    @Override
    public void unrescue(String instanceId) throws VirtException {
        driver.unrescue(instanceId);
    }

    @Override
    public void migrateDiskAndPowerOff(String instanceId, String destHost, boolean sameHost,
            dev.stratus.common.compute.FlavorSpec newFlavor, int timeoutSeconds) throws VirtException {
        driver.migrateDiskAndPowerOff(instanceId, destHost, sameHost, newFlavor, timeoutSeconds);
    }

    @Override
    public void finishMigration(GuestSpec guest, boolean sameHost, boolean powerOn) throws VirtException {
        driver.finishMigration(guest, sameHost, powerOn);
    }

    @Override
    public void confirmMigration(String instanceId, boolean sameHost) throws VirtException {
        driver.confirmMigration(instanceId, sameHost);
    }

    @Override
    public void revertMigration(String instanceId, boolean sameHost) throws VirtException {
        driver.revertMigration(instanceId, sameHost);
    }

    @Override
    public void finishRevertMigration(GuestSpec original, boolean sameHost, boolean powerOn) throws VirtException {
        driver.finishRevertMigration(original, sameHost, powerOn);
    }

    @Override
    public void setAdminPassword(String instanceId, String password) throws VirtException {
        driver.setAdminPassword(instanceId, password);
    }

    @Override
    public GuestDiagnostics diagnostics(String instanceId) throws VirtException {
        return driver.diagnostics(instanceId);
    }

    @Override
    public PowerState powerState(String instanceId) {
        return driver.powerState(instanceId);
    }

    @Override
    public Map<String, PowerState> listGuests() {
        return driver.listGuests();
    }

    @Override
    public String consoleOutput(String instanceId, Integer lines) throws VirtException {
        return driver.consoleOutput(instanceId, lines);
    }

    @Override
    public void onLifecycleEvent(Consumer<LifecycleEvent> listener) {
        driver.onLifecycleEvent(listener);
    }
}
