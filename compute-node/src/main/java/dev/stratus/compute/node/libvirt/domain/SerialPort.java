package dev.stratus.compute.node.libvirt.domain;

/**
 * {@code <serial>}: the guest's serial port, where cloud kernels write their console ({@code console=ttyS0}).
 * Straight into a file ({@code type='file'}), on a pty that {@code virsh console} can attach to with everything
 * written copied to a log file by virtlogd ({@code type='pty'} with {@code <log>}), or, with serial consoles on
 * (Nova's {@code [serial_console] enabled}), on a TCP port QEMU listens on for the serial console proxy, logged the
 * same way ({@code type='tcp'}, {@code <source mode='bind' host=… service=…/>}, raw protocol).
 *
 * @param path the file for {@code file}; ignored when writing {@code pty} (libvirt allocates the pty)
 * @param logFile the copy of a {@code pty}'s or {@code tcp}'s output, null for none
 * @param port the guest's port number ({@code <target port=…>}): 0 is ttyS0
 * @param host the address a {@code tcp} port listens on, null for the other types
 * @param service the TCP port a {@code tcp} port listens on, 0 for the other types
 */
public record SerialPort(String type, String path, String logFile, int port, String host, int service) {

    public static final String FILE = "file";

    public static final String PTY = "pty";

    public static final String TCP = "tcp";

    public SerialPort {
        DomainDefinition.require(type, "serial type");
        if (FILE.equals(type)) {
            DomainDefinition.require(path, "serial file");
        } else if (TCP.equals(type)) {
            DomainDefinition.require(host, "serial TCP address");
            if (service < 1 || service > 65535) {
                throw new IllegalArgumentException("invalid serial TCP port " + service);
            }
        } else if (!PTY.equals(type)) {
            throw new IllegalArgumentException("unsupported serial type " + type);
        }
    }

    public static SerialPort toFile(String path) {
        return new SerialPort(FILE, path, null, 0, null, 0);
    }

    public static SerialPort ptyLoggedTo(String logFile) {
        return new SerialPort(PTY, null, logFile, 0, null, 0);
    }

    /** ttyS0 on TCP: QEMU listens on {@code host}:{@code service}; the output is logged to {@code logFile}. */
    public static SerialPort tcpLoggedTo(String host, int service, String logFile) {
        return new SerialPort(TCP, null, logFile, 0, host, service);
    }

    /** Whether QEMU listens for the serial console proxy on this port. */
    public boolean listensOnTcp() {
        return TCP.equals(type);
    }

    /** The file that receives what the guest writes, whichever the type. */
    public String outputFile() {
        return FILE.equals(type) ? path : logFile;
    }
}
