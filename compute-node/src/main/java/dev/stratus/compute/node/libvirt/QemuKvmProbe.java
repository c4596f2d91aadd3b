package dev.stratus.compute.node.libvirt;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code <emulator> -accel kvm} on a 512-byte boot sector that walks the x86 modes a guest kernel goes
 * through (real mode, protected mode, paging, long mode) and writes one letter to the serial port in each
 * ("R", "P", "L"), then leaves QEMU through the isa-debug-exit device. The source is
 * {@code src/main/resources/libvirt/kvm-probe.S}. KVM counts as working only when all three letters arrive
 * and QEMU exits with the probe's code before the timeout.
 */
@ApplicationScoped
public class QemuKvmProbe implements KvmProbe {

    static final String EXPECTED_OUTPUT = "RPL";

    /** isa-debug-exit makes QEMU exit with (value << 1) | 1; the probe writes 0x10. */
    static final int EXIT_CODE = 33;

    private static final String BOOT_SECTOR_HEX = "fa31c08ed88ed0bc007cbaf803b052ee660f0116d07c0f20c06683c8010f22c0"
            + "66ea287c0000080066b810008ed88ec08ed0bc007c000066baf803b050eebf0010000031c0b9000c0000f3abc705"
            + "0010000003200000c7050020000003300000c7050030000083000000b8001000000f22d80f20e083c8200f22e0b9"
            + "800000c00f320d000100000f300f20c00d000000800f22c0ea9b7c0000180066baf803b04ceeb00aee66baf400b0"
            + "10eef4ebfd900000000000000000ffff0000009acf00ffff00000092cf00ffff0000009aaf001f00b07c0000";

    private final String accelerator;

    public QemuKvmProbe() {
        this("kvm");
    }

    /** @param accelerator QEMU's {@code -accel}; tests run the same probe under {@code tcg} */
    QemuKvmProbe(String accelerator) {
        this.accelerator = accelerator;
    }

    static byte[] bootSector() {
        byte[] code = HexFormat.of().parseHex(BOOT_SECTOR_HEX);
        byte[] sector = new byte[512];
        System.arraycopy(code, 0, sector, 0, code.length);
        sector[510] = 0x55;
        sector[511] = (byte) 0xaa;
        return sector;
    }

    @Override
    public Result run(String emulator, Duration timeout) {
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("stratus-kvm-probe");
            Path disk = Files.write(dir.resolve("probe.img"), bootSector());
            Path output = dir.resolve("serial.out");
            process = new ProcessBuilder(List.of(emulator, "-accel", accelerator, "-machine", "pc", "-m", "16",
                    "-nodefaults", "-display", "none", "-no-reboot", "-serial", "file:" + output,
                    "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                    "-drive", "file=" + disk + ",format=raw,if=ide"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String serial = Files.exists(output) ? Files.readString(output, StandardCharsets.US_ASCII) : "";
            if (!exited) {
                return new Result(false, "the probe guest did not finish within " + timeout.toSeconds()
                        + " s (serial output '" + serial.strip() + "')");
            }
            if (process.exitValue() == EXIT_CODE && serial.contains(EXPECTED_OUTPUT)) {
                return new Result(true, "the probe guest reached long mode under KVM");
            }
            String log = Files.readString(dir.resolve("qemu.log"), StandardCharsets.UTF_8).strip();
            return new Result(false, "the probe guest exited with " + process.exitValue() + ", serial output '"
                    + serial.strip() + "'" + (log.isEmpty() ? "" : ", QEMU said: " + log));
        } catch (IOException e) {
            return new Result(false, "the probe could not run " + emulator + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted while probing KVM");
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (dir != null) {
                FileTrees.deleteQuietly(dir);
            }
        }
    }
}
