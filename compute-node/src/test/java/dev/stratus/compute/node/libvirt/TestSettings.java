package dev.stratus.compute.node.libvirt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@link LibvirtSettings} with the documented defaults, changeable one value at a time. */
record TestSettings(String uri, VirtType virtType, Path instancesDirectory, SerialMode serialConsole,
        Duration shutdownTimeout, Duration shutdownRetryInterval, Duration rebootTimeout, Duration startTimeout)
        implements LibvirtSettings {

    static TestSettings defaults(Path instancesDirectory) {
        return new TestSettings("qemu:///system", VirtType.AUTO, instancesDirectory, SerialMode.PTY,
                Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofSeconds(60));
    }

    TestSettings withUri(String value) {
        return new TestSettings(value, virtType, instancesDirectory, serialConsole, shutdownTimeout,
                shutdownRetryInterval, rebootTimeout, startTimeout);
    }

    TestSettings withVirtType(VirtType value) {
        return new TestSettings(uri, value, instancesDirectory, serialConsole, shutdownTimeout,
                shutdownRetryInterval, rebootTimeout, startTimeout);
    }

    TestSettings withSerialConsole(SerialMode value) {
        return new TestSettings(uri, virtType, instancesDirectory, value, shutdownTimeout, shutdownRetryInterval,
                rebootTimeout, startTimeout);
    }

    TestSettings withTimeouts(Duration shutdown, Duration retry, Duration reboot, Duration start) {
        return new TestSettings(uri, virtType, instancesDirectory, serialConsole, shutdown, retry, reboot, start);
    }

    @Override
    public String diskBus() {
        return "virtio";
    }

    @Override
    public Optional<String> diskCacheMode() {
        return Optional.empty();
    }

    @Override
    public String nicModel() {
        return "virtio";
    }

    @Override
    public String kernelCommandLine() {
        return "console=ttyS0";
    }

    @Override
    public Optional<String> machineType() {
        return Optional.empty();
    }

    @Override
    public Optional<String> cpuMode() {
        return Optional.empty();
    }

    @Override
    public Duration kvmProbeTimeout() {
        return Duration.ofSeconds(20);
    }

    @Override
    public int consoleMaxBytes() {
        return 102400;
    }

    @Override
    public String qemuImgCommand() {
        return "qemu-img";
    }

    @Override
    public String genisoimageCommand() {
        return "genisoimage";
    }
}
