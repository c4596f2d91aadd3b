package dev.stratus.compute.node.libvirt.domain;

/**
 * {@code <serial>}: the guest's serial port, where cloud kernels write their console ({@code console=ttyS0}).
 * Either straight into a file ({@code type='file'}) or on a pty that {@code virsh console} can attach to, with
 * everything written copied to a log file by virtlogd ({@code type='pty'} with {@code <log>}).
 *
 * @param path the file for {@code file}; ignored when writing {@code pty} (libvirt allocates the pty)
 * @param logFile the copy of a {@code pty}'s output, null for none
 */
public record SerialPort(String type, String path, String logFile, int port) {

    public static final String FILE = "file";

    public static final String PTY = "pty";

    public SerialPort {
        DomainDefinition.require(type, "serial type");
        if (FILE.equals(type)) {
            DomainDefinition.require(path, "serial file");
        } else if (!PTY.equals(type)) {
            throw new IllegalArgumentException("unsupported serial type " + type);
        }
    }

    public static SerialPort toFile(String path) {
        return new SerialPort(FILE, path, null, 0);
    }

    public static SerialPort ptyLoggedTo(String logFile) {
        return new SerialPort(PTY, null, logFile, 0);
    }

    /** The file that receives what the guest writes, whichever the type. */
    public String outputFile() {
        return FILE.equals(type) ? path : logFile;
    }
}
