package dev.stratus.compute.node.libvirt.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SerialPortXml} and the TCP serial port in the model: what Nova writes ({@code <serial type='tcp'>} with a
 * bind-mode source, raw protocol and the console log), read back, and rewritten in place (a definition libvirt gave
 * back keeps everything the model does not know; a live migration's XML takes the destination's port).
 */
class SerialPortXmlTest {

    /** A definition as libvirt gives back an inactive domain of ours with a pty serial port. */
    private static final String INACTIVE = """
            <domain type='qemu'>
              <name>instance-a</name>
              <memory unit='KiB'>524288</memory>
              <vcpu placement='static'>1</vcpu>
              <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type><boot dev='hd'/></os>
              <devices>
                <emulator>/usr/bin/qemu-system-x86_64</emulator>
                <controller type='usb' index='0' model='piix3-uhci'/>
                <serial type='pty'>
                  <log file='/i/a/console.log' append='on'/>
                  <target type='isa-serial' port='0'><model name='isa-serial'/></target>
                </serial>
                <console type='pty'>
                  <log file='/i/a/console.log' append='on'/>
                  <target type='serial' port='0'/>
                </console>
              </devices>
            </domain>
            """;

    @Test
    void aTcpSerialPortIsWrittenAsNovaWritesItAndReadBack() {
        DomainDefinition domain = new DomainDefinition("qemu", "instance-t", null, null, 65536, 1,
                OsBoot.fromDisk("x86_64", null), null, null, null, null, new DomainDefinition.Devices(List.of(),
                        List.of(), List.of(SerialPort.tcpLoggedTo("127.0.0.1", 10000, "/i/t/console.log")),
                        List.of(), false));
        String xml = DomainXmlWriter.write(domain);
        assertTrue(xml.replaceAll("\\s+", " ").contains("<serial type=\"tcp\"> "
                + "<source host=\"127.0.0.1\" mode=\"bind\" service=\"10000\"/> <protocol type=\"raw\"/> "
                + "<log append=\"on\" file=\"/i/t/console.log\"/> <target port=\"0\"/> </serial>"), xml);
        assertEquals(domain, DomainXmlParser.parse(xml));
        assertEquals(List.of(10000), SerialPortXml.tcpPorts(xml));
        assertEquals("/i/t/console.log", DomainXmlParser.parse(xml).devices().serials().get(0).outputFile(),
                "console log show reads the same file");
    }

    @Test
    void aPtyPortOfALibvirtDefinitionMovesToTcpAndTheRestStays() {
        String xml = SerialPortXml.listenOnTcp(INACTIVE, "192.0.2.7", 10042);
        assertEquals(List.of(10042), SerialPortXml.tcpPorts(xml));
        SerialPort serial = DomainXmlParser.parse(xml).devices().serials().get(0);
        assertEquals(SerialPort.tcpLoggedTo("192.0.2.7", 10042, "/i/a/console.log"), serial);
        assertTrue(xml.contains("<emulator>/usr/bin/qemu-system-x86_64</emulator>"), xml);
        assertTrue(xml.contains("<controller index=\"0\" model=\"piix3-uhci\" type=\"usb\"/>"), xml);
        assertTrue(xml.contains("<target port=\"0\" type=\"isa-serial\"><model name=\"isa-serial\"/></target>"), xml);
        assertFalse(xml.contains("<console"), "libvirt makes the console again from the serial port: " + xml);
        assertFalse(xml.contains("pty"), xml);
    }

    @Test
    void aFilePortsPathBecomesTheLog() {
        String file = DomainXmlWriter.write(new DomainDefinition("qemu", "instance-f", null, null, 65536, 1,
                OsBoot.fromDisk("x86_64", null), null, null, null, null, new DomainDefinition.Devices(List.of(),
                        List.of(), List.of(SerialPort.toFile("/i/f/console.log")), List.of(), false)));
        SerialPort serial = DomainXmlParser.parse(SerialPortXml.listenOnTcp(file, "127.0.0.1", 10001)).devices()
                .serials().get(0);
        assertEquals(SerialPort.tcpLoggedTo("127.0.0.1", 10001, "/i/f/console.log"), serial);
    }

    /**
     * Nova bug 1455252: the live XML of a guest on port 10000 of its host, migrating to a host whose guest has port
     * 10000 too, takes the port the destination gave it, on the destination's address; a connecting (not bound)
     * serial port is no console and not counted.
     */
    @Test
    void aMigratingDomainsPortsBecomeTheDestinations() {
        String live = """
                <domain type='qemu' id='7'>
                  <name>instance-m</name>
                  <devices>
                    <serial type='tcp'>
                      <source mode='bind' host='10.0.0.1' service='10000'/>
                      <protocol type='raw'/>
                      <log file='/i/m/console.log' append='on'/>
                      <target type='isa-serial' port='0'><model name='isa-serial'/></target>
                      <alias name='serial0'/>
                    </serial>
                    <serial type='tcp'>
                      <source mode='connect' host='10.0.0.9' service='4555'/>
                      <target type='isa-serial' port='1'/>
                    </serial>
                    <console type='tcp'>
                      <source mode='bind' host='10.0.0.1' service='10000'/>
                      <protocol type='raw'/>
                      <target type='serial' port='0'/>
                      <alias name='serial0'/>
                    </console>
                  </devices>
                </domain>
                """;
        assertEquals(List.of(10000), SerialPortXml.tcpPorts(live));
        String moved = SerialPortXml.listenOnTcp(live, "10.0.0.2", 10001);
        assertEquals(List.of(10001), SerialPortXml.tcpPorts(moved));
        assertTrue(moved.contains("<source host=\"10.0.0.2\" mode=\"bind\" service=\"10001\"/>"), moved);
        assertTrue(moved.contains("<alias name=\"serial0\"/>"), moved);
        assertTrue(moved.contains("service=\"4555\""), "the second port is left alone: " + moved);
        assertFalse(moved.contains("10000"), moved);
        assertTrue(moved.contains("<log append=\"on\" file=\"/i/m/console.log\"/>"), moved);
    }

    @Test
    void consolesCountWhenThereIsNoTcpSerialPortAndADomainWithoutPortsIsLeftAlone() {
        String console = """
                <domain type='qemu'><name>instance-s</name><devices>
                <console type='tcp'><source mode='bind' host='127.0.0.1' service='10005'/>
                <target type='sclp' port='0'/></console></devices></domain>""";
        assertEquals(List.of(10005), SerialPortXml.tcpPorts(console));
        String none = "<domain type='qemu'><name>instance-n</name><devices/></domain>";
        assertEquals(List.of(), SerialPortXml.tcpPorts(none));
        assertEquals(none, SerialPortXml.listenOnTcp(none, "127.0.0.1", 10000));
        assertEquals("instance-n", SerialPortXml.name(none));
    }
}
