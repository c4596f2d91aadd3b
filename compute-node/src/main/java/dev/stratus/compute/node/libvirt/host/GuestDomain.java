package dev.stratus.compute.node.libvirt.host;

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

    /** Removes the definition together with its managed save image and NVRAM. */
    void undefine() throws LibvirtFailure;
}
