package dev.stratus.compute.node.libvirt.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainXmlRoundTripTest {

    private static DomainDefinition everything() {
        return new DomainDefinition("qemu", "instance-x", "11111111-2222-3333-4444-555555555555",
                new InstanceMetadata("11111111-2222-3333-4444-555555555555", "name with <markup> & \"quotes\"",
                        Instant.parse("2026-01-02T03:04:05Z"),
                        new InstanceMetadata.Flavor("42", "m1.small", 2, 2048, 20, 5, 512), "p", "u", "img"),
                2 * 1024 * 1024, 2, OsBoot.directKernel("x86_64", "pc", "/k", "/r", "root=/dev/vda console=ttyS0"),
                new DomainDefinition.Features(true, false), new Cpu("custom", "qemu64", new Cpu.Topology(1, 2, 1)),
                new Clock("utc", List.of(new Clock.Timer("pit", "delay", null), new Clock.Timer("hpet", null, false))),
                new DomainDefinition.LifecycleActions("destroy", "restart", "preserve"),
                new DomainDefinition.Devices(
                        List.of(Disk.file("qcow2", "/d/disk", "vda", "virtio").withCache("none"),
                                Disk.file("raw", "/d/disk.config", "vdb", "virtio").asReadOnly(),
                                Disk.file("qcow2", "/d/disk.rescue", "hda", "ide").asDevice("cdrom").asReadOnly()
                                        .bootingAt(1)),
                        List.of(NetInterface.onBridge("fa:16:3e:00:00:01", "br0", "tap1", "virtio"),
                                NetInterface.onBridge("fa:16:3e:00:00:02", "br1", null, "e1000"),
                                NetInterface.onTap("fa:16:3e:00:00:03", "tap3", "virtio")),
                        List.of(SerialPort.toFile("/d/console.log"),
                                new SerialPort("pty", null, "/d/pty.log", 1, null, 0),
                                SerialPort.tcpLoggedTo("192.0.2.7", 10003, "/d/tcp.log")),
                        List.of(Graphics.vnc("127.0.0.1")), true));
    }

    @Test
    void everyElementSurvivesAWriteAndAParse() {
        DomainDefinition domain = everything();
        assertEquals(domain, DomainXmlParser.parse(DomainXmlWriter.write(domain)));
    }

    @Test
    void aMinimalDomainSurvivesToo() {
        DomainDefinition domain = new DomainDefinition("kvm", "plain", null, null, 65536, 1,
                OsBoot.fromDisk("x86_64", null), null, null, null, null, null);
        String xml = DomainXmlWriter.write(domain);
        assertEquals(domain, DomainXmlParser.parse(xml));
        assertTrue(!xml.contains("<metadata") && !xml.contains("<uuid") && !xml.contains("<cpu"), xml);
    }

    @Test
    void textIsEscapedByTheWriterNotByHand() {
        String xml = DomainXmlWriter.write(everything());
        assertTrue(xml.contains("name with &lt;markup&gt; &amp; \"quotes\""), xml);
    }

    @Test
    void parsesWhatLibvirtAddsAndSkipsWhatTheModelDoesNotKnow() {
        String live = """
                <domain type='qemu' id='3'>
                  <name>instance-a</name>
                  <uuid>aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee</uuid>
                  <metadata>
                    <other:thing xmlns:other="http://example.org/other"/>
                    <s:instance xmlns:s="http://stratus.dev/xmlns/libvirt/instance/1.0" uuid="aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee">
                      <s:name>a</s:name>
                    </s:instance>
                  </metadata>
                  <memory unit='MiB'>512</memory>
                  <currentMemory unit='KiB'>524288</currentMemory>
                  <vcpu placement='static'>1</vcpu>
                  <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type><boot dev='hd'/></os>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='/i/disk' index='1'/>
                      <backingStore type='file' index='2'><format type='raw'/><source file='/base'/></backingStore>
                      <target dev='vda' bus='virtio'/>
                      <alias name='virtio-disk0'/>
                      <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
                    </disk>
                    <disk type='network' device='disk'><source protocol='rbd' name='pool/x'/><target dev='vdc' bus='virtio'/></disk>
                    <controller type='usb' index='0' model='piix3-uhci'/>
                    <interface type='bridge'>
                      <mac address='fa:16:3e:00:00:01'/>
                      <source bridge='br0'/>
                      <target dev='vnet0'/>
                      <model type='virtio'/>
                    </interface>
                    <interface type='network'><source network='default'/><model type='virtio'/></interface>
                    <serial type='pty'>
                      <source path='/dev/pts/3'/>
                      <log file='/i/console.log' append='on'/>
                      <target type='isa-serial' port='0'><model name='isa-serial'/></target>
                    </serial>
                    <console type='pty' tty='/dev/pts/3'><target type='serial' port='0'/></console>
                    <graphics type='vnc' port='5901' autoport='yes' listen='127.0.0.1'>
                      <listen type='address' address='127.0.0.1'/>
                    </graphics>
                    <video><model type='cirrus' vram='16384' heads='1' primary='yes'/></video>
                  </devices>
                </domain>
                """;
        DomainDefinition domain = DomainXmlParser.parse(live);
        assertEquals(512 * 1024, domain.memoryKib());
        assertEquals("pc-i440fx-7.2", domain.os().machine());
        assertEquals(List.of(new Disk("disk", "qcow2", null, "/i/disk", "vda", "virtio", false)), domain.disks());
        assertEquals(List.of(NetInterface.onBridge("fa:16:3e:00:00:01", "br0", "vnet0", "virtio")),
                domain.devices().interfaces());
        assertEquals("/i/console.log", domain.devices().serials().get(0).outputFile());
        assertEquals("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", domain.metadata().instanceId());
        assertEquals("a", domain.metadata().name());
        assertNull(domain.metadata().flavor());
        assertNull(domain.cpu());
        assertEquals(new Graphics("vnc", "127.0.0.1", true, 5901), domain.devices().vnc().orElseThrow(),
                "the port QEMU took, as Nova's driver reads it for the console");
        assertTrue(domain.devices().vnc().orElseThrow().listening());
    }

    @Test
    void anInactiveDomainsDisplayDoesNotListen() {
        DomainDefinition domain = DomainXmlParser.parse("<domain type='kvm'><name>vm</name><memory>1024</memory>"
                + "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices><graphics type='vnc' port='-1'"
                + " autoport='yes'><listen type='address' address='10.0.0.5'/></graphics></devices></domain>");
        Graphics display = domain.devices().vnc().orElseThrow();
        assertEquals("10.0.0.5", display.listen());
        assertEquals(-1, display.port());
        assertTrue(!display.listening());
    }

    @Test
    void aForeignDomainHasNoMetadata() {
        DomainDefinition domain = DomainXmlParser.parse("<domain type='kvm'><name>vm</name><metadata/>"
                + "<memory>1024</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>");
        assertNull(domain.metadata());
    }

    @Test
    void refusesDoctypesAndIncompleteDomains() {
        assertThrows(IllegalArgumentException.class, () -> DomainXmlParser.parse(
                "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain type='kvm'><name>&x;</name></domain>"));
        assertThrows(IllegalArgumentException.class,
                () -> DomainXmlParser.parse("<domain type='kvm'><name>vm</name></domain>"));
        assertThrows(IllegalArgumentException.class, () -> DomainXmlParser.parse("<network/>"));
    }
}
