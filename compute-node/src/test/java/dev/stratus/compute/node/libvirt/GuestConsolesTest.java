package dev.stratus.compute.node.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.compute.node.libvirt.domain.DomainXmlWriter;
import dev.stratus.compute.node.libvirt.host.GuestDomain;
import dev.stratus.compute.node.libvirt.host.LibvirtFailure;
import dev.stratus.compute.node.virt.ConsoleEndpoint;
import dev.stratus.compute.node.virt.ConsoleUnavailable;
import dev.stratus.compute.node.virt.VirtException;
import dev.stratus.compute.node.virt.VncSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VNC endpoint from a domain's live XML and the console log's tail, each outcome the driver answers, on
 * {@link FakeLibvirtHost} without a driver around them.
 */
class GuestConsolesTest {

    private static final String ID = "0f3c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a090";

    private static final VncSettings VNC = new VncSettings(true, "0.0.0.0", "192.0.2.7");

    @TempDir
    Path dir;

    private TestSettings settings;

    private final FakeLibvirtHost host = new FakeLibvirtHost();

    private final AtomicInteger lookups = new AtomicInteger();

    private GuestConsoles consoles;

    @BeforeEach
    void setUp() {
        settings = TestSettings.defaults(dir.resolve("instances"));
        consoles = new GuestConsoles(settings, VNC, id -> {
            lookups.incrementAndGet();
            return host.lookupByName(DomainBuilder.domainName(id));
        });
    }

    /** A defined guest whose XML says what libvirt's live XML would: {@code port} (-1 while it does not run). */
    private FakeLibvirtHost.FakeGuest guest(VncSettings vnc, int port) throws Exception {
        InstanceFiles files = InstanceFiles.of(settings.instancesDirectory(), ID);
        String xml = DomainXmlWriter.write(new DomainBuilder(settings, vnc)
                .build(Guests.diskImageGuest(ID, dir.resolve("base"), 1), files, "qemu", "x86_64"));
        FakeLibvirtHost.FakeGuest guest = (FakeLibvirtHost.FakeGuest) host.define(xml);
        guest.xml = xml.replaceFirst("<graphics ", "<graphics port=\"" + port + "\" ");
        return guest;
    }

    @Test
    void aRunningDisplayIsReachedAtTheProxyClientAddressOnTheLivePort() throws Exception {
        guest(VNC, 5903);
        assertEquals(new ConsoleEndpoint("192.0.2.7", 5903), consoles.vnc(ID));
    }

    @Test
    void eachMissingPieceIsItsOwnReason() throws Exception {
        assertEquals(ConsoleUnavailable.Reason.NOT_FOUND, unavailable().reason(), "no domain");
        guest(VNC, -1);
        assertEquals(ConsoleUnavailable.Reason.NOT_READY, unavailable().reason(), "not running: no port");
        guest(new VncSettings(false, "0.0.0.0", "192.0.2.7"), -1);
        assertEquals(ConsoleUnavailable.Reason.NO_DISPLAY, unavailable().reason(), "VNC off when defined");
    }

    @Test
    void aDomainGoneWhileReadIsNotFoundAndOtherFailuresKeepLibvirtsWords() throws Exception {
        GuestDomain gone = failingXml(new LibvirtFailure(LibvirtFailure.Reason.NO_DOMAIN, "Domain not found"));
        assertEquals(ConsoleUnavailable.Reason.NOT_FOUND, assertThrows(ConsoleUnavailable.class,
                () -> new GuestConsoles(settings, VNC, id -> Optional.of(gone)).vnc(ID)).reason());
        GuestDomain broken = failingXml(new LibvirtFailure(LibvirtFailure.Reason.OTHER, "internal error"));
        VirtException failed = assertThrows(VirtException.class,
                () -> new GuestConsoles(settings, VNC, id -> Optional.of(broken)).vnc(ID));
        assertEquals("The server's console could not be read: internal error", failed.getMessage());
    }

    private GuestDomain failingXml(LibvirtFailure failure) throws Exception {
        guest(VNC, 5900);
        GuestDomain real = host.lookupByName(DomainBuilder.domainName(ID)).orElseThrow();
        return (GuestDomain) java.lang.reflect.Proxy.newProxyInstance(GuestDomain.class.getClassLoader(),
                new Class<?>[] {GuestDomain.class}, (proxy, method, args) -> {
                    if (method.getName().equals("xml")) {
                        throw failure;
                    }
                    return method.invoke(real, args);
                });
    }

    private ConsoleUnavailable unavailable() {
        return assertThrows(ConsoleUnavailable.class, () -> consoles.vnc(ID));
    }

    @Test
    void theLogsLastLinesAreReadWithoutAskingLibvirt() throws Exception {
        Path log = InstanceFiles.of(settings.instancesDirectory(), ID).consoleLog();
        Files.createDirectories(log.getParent());
        assertEquals("", consoles.output(ID, null), "nothing written yet");
        Files.writeString(log, "boot\r\nlogin: \nhello\n", StandardCharsets.UTF_8);
        assertEquals("login: \nhello\n", consoles.output(ID, 2));
        assertEquals("boot\nlogin: \nhello\n", consoles.output(ID, null));
        assertEquals("", consoles.output(ID, 0));
        assertEquals(0, lookups.get(), "the instance's directory is enough");
    }

    @Test
    void anInstanceWithoutDirectoryOrDomainDoesNotExistHere() throws Exception {
        VirtException missing = assertThrows(VirtException.class, () -> consoles.output(ID, 10));
        assertEquals("The server does not exist on this host", missing.getMessage());
        guest(VNC, -1);
        assertEquals("", consoles.output(ID, 10), "a defined domain that has not written its log yet");
        assertEquals(2, lookups.get());
    }
}
