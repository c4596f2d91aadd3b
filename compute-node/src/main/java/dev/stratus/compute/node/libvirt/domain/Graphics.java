package dev.stratus.compute.node.libvirt.domain;

/**
 * {@code <graphics type='vnc'>}: the guest's display served by QEMU's VNC server on {@code listen}, as Nova's
 * libvirt driver defines it. This driver writes it with {@code autoport='yes'} (QEMU takes the first free port
 * from 5900); libvirt's live XML then names the port taken, {@code -1} while the guest does not run.
 *
 * @param port the port QEMU listens on; {@code -1} when none (autoport before the start, or not running)
 */
public record Graphics(String type, String listen, boolean autoport, int port) {

    public static final String VNC = "vnc";

    public Graphics {
        DomainDefinition.require(type, "graphics type");
    }

    /** A VNC display on {@code listen} with a port QEMU chooses. */
    public static Graphics vnc(String listen) {
        DomainDefinition.require(listen, "VNC listen address");
        return new Graphics(VNC, listen, true, -1);
    }

    /** Whether QEMU serves this display now. */
    public boolean listening() {
        return port > 0;
    }
}
