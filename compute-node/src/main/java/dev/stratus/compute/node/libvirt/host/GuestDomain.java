package dev.stratus.compute.node.libvirt.host;

import java.util.List;
import java.util.Map;

/** The seam between the driver and one libvirt domain. */
public interface GuestDomain {

    String uuid() throws LibvirtFailure;

    String name() throws LibvirtFailure;

    /** The live definition when running, else the persistent one. */
    String xml() throws LibvirtFailure;

    /** Starts the domain; restores it from its managed save image when it has one. */
    void create() throws LibvirtFailure;

    /** Asks the guest to power off (ACPI power button). Returns at once. */
    void shutdown() throws LibvirtFailure;

    /** Stops the domain at once, like pulling the plug. */
    void destroy() throws LibvirtFailure;

    /** Asks the guest to reboot itself. Returns at once. */
    void reboot() throws LibvirtFailure;

    /** Pauses the vCPUs; memory stays allocated. */
    void pause() throws LibvirtFailure;

    void unpause() throws LibvirtFailure;

    /** Saves memory to a file libvirt manages and stops the domain; {@link #create()} restores it. */
    void managedSave() throws LibvirtFailure;

    boolean hasManagedSave() throws LibvirtFailure;

    /** Drops the managed save image, so the next {@link #create()} boots afresh. */
    void discardManagedSave() throws LibvirtFailure;

    GuestState state() throws LibvirtFailure;

    /**
     * Adds a device ({@code virDomainAttachDeviceFlags}) to the persistent definition and, when {@code live}, to
     * the running domain too.
     */
    void attachDevice(String deviceXml, boolean live) throws LibvirtFailure;

    /** Removes a device ({@code virDomainDetachDeviceFlags}), as {@link #attachDevice} added it. */
    void detachDevice(String deviceXml, boolean live) throws LibvirtFailure;

    /** Removes the definition together with its managed save image and NVRAM. */
    void undefine() throws LibvirtFailure;

    // ---- what libvirt measures of a running domain (diagnostics) ----

    GuestStats.Info info() throws LibvirtFailure;

    List<GuestStats.Vcpu> vcpus() throws LibvirtFailure;

    /** @param device the disk's target ({@code vda}) */
    GuestStats.Block blockStats(String device) throws LibvirtFailure;

    /** @param device the NIC's host device ({@code tap…}) */
    GuestStats.Interface interfaceStats(String device) throws LibvirtFailure;

    /**
     * {@code virDomainMemoryStats} by libvirt's names ({@code actual}, {@code rss}, {@code unused}, ...), as the
     * Python binding names them; empty when the guest has no balloon to ask.
     */
    Map<String, Long> memoryStats() throws LibvirtFailure;
}
