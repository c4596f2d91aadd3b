package dev.stratus.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tenant's day with the real OpenStack CLI, in a project of its own: a key pair from the tenant's own
 * public key, a network, subnet and security group (once network-service is in the catalog), the test
 * guest uploaded as the tenant's own images, a server in a server group booted on this host (libvirt
 * when libvirtd runs; the simulated hosts are out of scheduling meanwhile), listed, shown, its console
 * read, its noVNC console URL opened and its serial console typed at, stopped, started, rebooted, rebuilt
 * on a fresh disk, snapshotted and the snapshot booted, rescued, resized (reverted, then confirmed), shelved and unshelved; quotas and
 * limits that follow it; deleted. Each step checks what the CLI printed, not only its exit status.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(CloudExtension.class)
class TenantDayIT {

    private static final String PROJECT = "tenant-day";
    private static final String USER = "tenant-day-user";
    private static final String PASSWORD = "tenant-day-pass";
    private static final String SERVER = "day-vm";
    private static final String SUBNET_RANGE = "10.42.0.0/24";
    /** What the guest image prints on its serial console (deploy/guest-image/rootfs). */
    private static final String GUEST_SAYS = "stratus-guest: ";

    private static RunningCloud cloud;
    private static ComputeHosts hosts;
    private static Cli tenant;
    private static boolean network;
    private static String serverId;
    private static String groupId;
    private static String imageId;
    private static JsonNode flavor;
    private static VirshDomains virsh;

    @BeforeAll
    static void openTheProject(RunningCloud running) throws Exception {
        cloud = running;
        virsh = new VirshDomains(running.state);
        hosts = new ComputeHosts(running);
        hosts.awaitAllUp();
        Cli admin = cloud.cli("admin");
        admin.json("project", "create", "--domain", "default", PROJECT);
        admin.json("user", "create", "--domain", "default", "--password", PASSWORD, USER);
        admin.run("role", "add", "--project", PROJECT, "--user", USER, "member").expectSuccess("role add");
        tenant = cloud.cli(cloud.userEnv(USER, PASSWORD, PROJECT));
        network = cloud.serviceTypes().contains("network");
        flavor = tenant.json("flavor", "show", "m1.tiny");
        // The tenant's server goes to this host's node: the simulated hosts take no new servers today.
        cloud.setFakeNodes(false);
    }

    @AfterAll
    static void closeTheDay() throws Exception {
        cloud.setFakeNodes(true);
    }

    @Test
    @Order(1)
    void keypairFromTheTenantsOwnPublicKey() throws Exception {
        Path key = cloud.state.resolve("day-key");
        Shell.run(cloud.state, Map.of(), 60, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "tenant@day", "-f",
                key.toString()).expectSuccess("ssh-keygen");
        JsonNode keypair = tenant.json("keypair", "create", "--public-key", key + ".pub", "day-key");
        // ssh-keygen prints "256 MD5:aa:bb:... comment (ED25519)"; Nova's fingerprint is the hex part.
        String local = Shell.run(cloud.state, Map.of(), 30, "ssh-keygen", "-l", "-E", "md5", "-f", key + ".pub")
                .expectSuccess("ssh-keygen -l").stdout().split(" ")[1].substring("MD5:".length());
        assertEquals(local, keypair.path("fingerprint").asText(), keypair.toString());
        assertEquals("ssh", keypair.path("type").asText(), keypair.toString());
        JsonNode list = tenant.json("keypair", "list");
        assertEquals(List.of("day-key"), list.findValuesAsText("Name"), list.toString());
    }

    @Test
    @Order(2)
    void networkSubnetAndSecurityGroupWithRules() throws Exception {
        assumeTrue(network, "network-service is not in the catalog");
        JsonNode net = tenant.json("network", "create", "day-net");
        assertEquals("day-net", net.path("name").asText(), net.toString());
        JsonNode subnet = tenant.json("subnet", "create", "--network", "day-net", "--subnet-range", SUBNET_RANGE,
                "day-subnet");
        assertEquals(SUBNET_RANGE, subnet.path("cidr").asText(), subnet.toString());
        assertEquals("10.42.0.1", subnet.path("gateway_ip").asText(), subnet.toString());
        assertEquals(net.path("id").asText(), subnet.path("network_id").asText(), subnet.toString());
        assertTrue(subnet.path("allocation_pools").toString().contains("10.42.0.2"), subnet.toString());

        JsonNode group = tenant.json("security", "group", "create", "--description", "day servers", "day-sg");
        List<String> directions = group.path("rules").findValuesAsText("direction");
        assertTrue(directions.contains("egress") && !directions.contains("ingress"),
                "a new group allows egress only: " + group);
        JsonNode ssh = tenant.json("security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22",
                "--remote-ip", "0.0.0.0/0", "day-sg");
        assertEquals("ingress", ssh.path("direction").asText(), ssh.toString());
        assertEquals(22, ssh.path("port_range_min").asInt(), ssh.toString());
        assertEquals(22, ssh.path("port_range_max").asInt(), ssh.toString());
        tenant.json("security", "group", "rule", "create", "--protocol", "icmp", "day-sg");
        Shell.Result again = tenant.run("security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22",
                "--remote-ip", "0.0.0.0/0", "day-sg");
        assertNotEquals(0, again.exitCode(), "a duplicate rule was accepted");
        assertTrue(again.stderr().contains("409") || again.stderr().contains("already exists"), again.stderr());
        JsonNode rules = tenant.json("security", "group", "rule", "list", "--ingress", "day-sg");
        Set<String> protocols = new HashSet<>(rules.findValuesAsText("IP Protocol"));
        assertEquals(Set.of("tcp", "icmp"), protocols, rules.toString());
    }

    @Test
    @Order(3)
    void uploadsTheGuestAsItsOwnImages() throws Exception {
        Path dir = cloud.root.resolve("deploy/guest-image/out");
        String kernel = upload(dir.resolve("stratus-guest.vmlinuz"), "aki", "day-kernel").path("id").asText();
        String ramdisk = upload(dir.resolve("stratus-guest.initrd"), "ari", "day-ramdisk").path("id").asText();
        JsonNode machine = upload(dir.resolve("stratus-guest.img"), "ami", "day-image", "--property",
                "kernel_id=" + kernel, "--property", "ramdisk_id=" + ramdisk, "--property", "os_command_line=console=ttyS0");
        imageId = machine.path("id").asText();
        JsonNode shown = tenant.json("image", "show", "day-image");
        assertEquals(kernel, shown.path("properties").path("kernel_id").asText(), shown.toString());
        assertEquals(ramdisk, shown.path("properties").path("ramdisk_id").asText(), shown.toString());
        JsonNode list = tenant.json("image", "list");
        assertTrue(list.findValuesAsText("Name").containsAll(List.of("day-kernel", "day-ramdisk", "day-image",
                "stratus-guest")), "the tenant sees its images and the public one: " + list);
    }

    private static JsonNode upload(Path file, String format, String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("image", "create", "--file", file.toString(), "--disk-format", format,
                "--container-format", format, "--private"));
        args.addAll(List.of(extra));
        args.add(name);
        tenant.json(args.toArray(String[]::new));
        JsonNode image = tenant.json("image", "show", name);
        assertEquals("active", image.path("status").asText(), image.toString());
        assertEquals("private", image.path("visibility").asText(), image.toString());
        assertEquals(Files.size(file), image.path("size").asLong(), image.toString());
        String md5 = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
        assertEquals(md5, image.path("checksum").asText(), image.toString());
        return image;
    }

    @Test
    @Order(4)
    void bootsAServerInAServerGroupAndWaits() throws Exception {
        JsonNode group = tenant.json("server", "group", "create", "--policy", "affinity", "day-group");
        groupId = group.path("id").asText();
        assertEquals("affinity", group.path("policy").asText(), group.toString());
        List<String> args = new ArrayList<>(List.of("server", "create", "--flavor", "m1.tiny", "--image", "day-image",
                "--key-name", "day-key", "--hint", "group=" + groupId, "--wait"));
        args.addAll(network ? List.of("--nic", "net-id=day-net", "--security-group", "day-sg") : List.of("--nic", "none"));
        args.add(SERVER);
        long begin = System.nanoTime();
        JsonNode server = tenant.json(args.toArray(String[]::new));
        System.out.printf("tenant day: server create --wait (driver %s): ACTIVE after %.2f s%n", cloud.driver(),
                (System.nanoTime() - begin) / 1e9);
        serverId = server.path("id").asText();
        assertEquals("ACTIVE", server.path("status").asText(), server.toString());
        assertEquals("day-key", server.path("key_name").asText(), server.toString());
        assertEquals("m1.tiny", server.path("flavor").path("original_name").asText(), server.toString());
        assertTrue(server.path("image").asText().contains(imageId), server.toString());
        assertEquals(1, server.path("OS-EXT-STS:power_state").asInt(), "not running: " + server);
        if (network) {
            assertTrue(server.path("addresses").path("day-net").toString().contains("10.42.0."), server.toString());
            assertTrue(server.path("security_groups").toString().contains("day-sg"), server.toString());
        }

        JsonNode members = tenant.json("server", "group", "show", "day-group");
        assertEquals(List.of(serverId), textList(members.path("members")), members.toString());
    }

    @Test
    @Order(5)
    void listsAndShowsIt() throws Exception {
        JsonNode list = tenant.json("server", "list");
        assertEquals(1, list.size(), list.toString());
        JsonNode row = list.get(0);
        assertEquals(List.of(SERVER, "ACTIVE", "day-image", "m1.tiny"), List.of(row.path("Name").asText(),
                row.path("Status").asText(), row.path("Image").asText(), row.path("Flavor").asText()), row.toString());
        JsonNode shown = cloud.openstackJson("admin", "server", "show", serverId);
        assertEquals(cloud.computeHost, shown.path("OS-EXT-SRV-ATTR:host").asText(), shown.toString());
        assertEquals(List.of(groupId), textList(tenant.json("server", "show", SERVER).path("server_groups")));
    }

    @Test
    @Order(6)
    void readsItsConsole() throws Exception {
        if (cloud.driver().equals("libvirt")) {
            String console = CloudWaits.waitFor(Duration.ofSeconds(180), "the guest's ready line", () -> {
                String log = tenant.run("console", "log", "show", SERVER).expectSuccess("console log").stdout();
                return log.contains(GUEST_SAYS + "ready") ? log : null;
            });
            assertTrue(console.contains(GUEST_SAYS + "ready hostname=" + SERVER + " instance=" + serverId), console);
            assertTrue(console.contains(GUEST_SAYS + "key installed: root day-key ssh-ed25519 tenant@day"), console);
        } else {
            String console = tenant.run("console", "log", "show", SERVER).expectSuccess("console log").stdout();
            assertTrue(console.contains(SERVER + " login:"), console);
        }
        GuestConsoles consoles = new GuestConsoles(tenant);
        consoles.checkLogTail(SERVER);
        consoles.checkNoVnc(SERVER);
        consoles.checkSerialEcho(SERVER, "stratus-serial-" + serverId.substring(0, 8));
    }

    @Test
    @Order(7)
    void stopsStartsAndRebootsIt() throws Exception {
        tenant.run("server", "stop", SERVER).expectSuccess("server stop");
        JsonNode stopped = ComputeHosts.waitForStatus(tenant, serverId, "SHUTOFF");
        assertEquals(4, stopped.path("OS-EXT-STS:power_state").asInt(), "power state not Shutdown: " + stopped);
        if (cloud.driver().equals("libvirt")) {
            assertEquals("shut off", virsh.state(serverId));
        }
        tenant.run("server", "start", SERVER).expectSuccess("server start");
        JsonNode started = ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");
        assertEquals(1, started.path("OS-EXT-STS:power_state").asInt(), started.toString());
        if (cloud.driver().equals("libvirt")) {
            assertEquals("running", virsh.state(serverId));
        }
        tenant.run("server", "reboot", "--hard", SERVER).expectSuccess("server reboot --hard");
        ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");
        tenant.run("server", "reboot", "--soft", "--wait", SERVER).expectSuccess("server reboot --soft");
        ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");

        JsonNode actions = tenant.json("server", "event", "list", SERVER);
        List<String> names = actions.findValuesAsText("Action");
        assertTrue(names.containsAll(List.of("create", "stop", "start", "reboot")), actions.toString());
        assertEquals(2, names.stream().filter("reboot"::equals).count(), actions.toString());
    }

    @Test
    @Order(8)
    void rebuildsItOnAFreshDisk() throws Exception {
        if (cloud.driver().equals("libvirt")) {
            // after stop/start and two reboots the guest has counted more than one boot on its disk
            readyLine(line -> !line.contains(" boot=1 "));
        }
        // --wait prints its progress on stdout, so the JSON of the rebuilt server comes from a show
        String printed = tenant.run("server", "rebuild", "--image", "day-image", "--wait", SERVER)
                .expectSuccess("server rebuild --wait").stdout();
        assertTrue(printed.contains("Complete"), printed);
        JsonNode shown = ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");
        assertEquals(serverId, shown.path("id").asText(), shown.toString());
        assertEquals(1, shown.path("OS-EXT-STS:power_state").asInt(), shown.toString());
        assertTrue(shown.path("image").asText().contains(imageId), shown.toString());
        if (network) {
            assertTrue(shown.path("addresses").path("day-net").toString().contains("10.42.0."), shown.toString());
        }
        if (cloud.driver().equals("libvirt")) {
            assertEquals("running", virsh.state(serverId));
            // a new console log and a new disk: its only boot is the first
            String after = readyLine(line -> true);
            assertTrue(after.contains(" boot=1 "), "a rebuilt server starts from a new disk: " + after);
            assertTrue(after.contains("hostname=" + SERVER + " instance=" + serverId), after);
        }
        JsonNode actions = tenant.json("server", "event", "list", SERVER);
        assertTrue(actions.findValuesAsText("Action").contains("rebuild"), actions.toString());
    }

    @Test
    @Order(9)
    void snapshotsItAndBootsTheSnapshot() throws Exception {
        if (cloud.driver().equals("libvirt")) {
            // the rebuilt guest has counted its first boot on its disk (and synced it)
            readyLine(line -> line.contains(" boot=1 "));
        }
        JsonNode image = tenant.json("server", "image", "create", "--name", "day-snap", "--wait", SERVER);
        String snapshotId = image.path("id").asText();
        JsonNode shown = tenant.json("image", "show", snapshotId);
        assertEquals("active", shown.path("status").asText(), shown.toString());
        assertEquals("private", shown.path("visibility").asText(), shown.toString());
        assertEquals("snapshot", shown.path("properties").path("image_type").asText(), shown.toString());
        assertEquals(serverId, shown.path("properties").path("instance_uuid").asText(), shown.toString());
        assertTrue(shown.path("size").asLong() > 0, shown.toString());
        ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");

        List<String> args = new ArrayList<>(List.of("server", "create", "--flavor", "m1.tiny", "--image", "day-snap",
                "--wait"));
        args.addAll(network ? List.of("--nic", "net-id=day-net") : List.of("--nic", "none"));
        args.add("day-vm-copy");
        JsonNode copy = tenant.json(args.toArray(String[]::new));
        assertEquals("ACTIVE", copy.path("status").asText(), copy.toString());
        if (cloud.driver().equals("libvirt")) {
            // the snapshot carries the disk: its boot count goes on from the rebuilt server's first boot
            String line = CloudWaits.waitFor(Duration.ofSeconds(180), "the copy's ready line", () -> {
                String log = tenant.run("console", "log", "show", "day-vm-copy").expectSuccess("console log").stdout();
                return log.lines().filter(l -> l.contains(GUEST_SAYS + "ready ")).findFirst().orElse(null);
            });
            assertTrue(line.contains("hostname=day-vm-copy") && line.contains(" boot=2 "), line);
        }
        tenant.run("server", "delete", "--wait", "day-vm-copy").expectSuccess("server delete --wait");
        tenant.run("image", "delete", "day-snap").expectSuccess("image delete");
        JsonNode actions = tenant.json("server", "event", "list", SERVER);
        assertTrue(actions.findValuesAsText("Action").contains("createImage"), actions.toString());
    }

    @Test
    @Order(10)
    void rescuesItAndBringsItBack() throws Exception {
        JsonNode before = ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");
        tenant.run("server", "rescue", "--image", "day-image", "--password", "rescue-Passw0rd", SERVER)
                .expectSuccess("server rescue");
        JsonNode rescued = ComputeHosts.waitForStatus(tenant, serverId, "RESCUE");
        assertEquals(1, rescued.path("OS-EXT-STS:power_state").asInt(), rescued.toString());
        assertEquals(before.path("image").asText(), rescued.path("image").asText(), "the server keeps its image");
        Shell.Result reboot = tenant.run("server", "reboot", SERVER);
        assertTrue(reboot.exitCode() != 0 && reboot.stderr().contains("HTTP 409"), "a rescued server is not rebooted: "
                + reboot.stderr());
        if (cloud.driver().equals("libvirt")) {
            assertEquals("running", virsh.state(serverId));
            String disks = virsh.blockDevices(serverId);
            assertTrue(disks.matches("(?s).*vda\\s+\\S+/disk\\.rescue\\s.*vdb\\s+\\S+/disk\\s.*"),
                    "the rescue disk boots, the server's own disk comes second: " + disks);
        }
        tenant.run("server", "unrescue", SERVER).expectSuccess("server unrescue");
        ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");
        if (cloud.driver().equals("libvirt")) {
            String disks = virsh.blockDevices(serverId);
            assertTrue(disks.matches("(?s).*vda\\s+\\S+/disk\\s.*") && !disks.contains("rescue"),
                    "the server boots its own disk again: " + disks);
            // its own disk goes on counting: the first boot after the snapshot step was the first
            String line = readyLine(l -> !l.contains(" boot=1 ") && l.contains("instance=" + serverId));
            assertTrue(line.matches(".* boot=[2-9] .*"), line);
        }
        List<String> names = tenant.json("server", "event", "list", SERVER).findValuesAsText("Action");
        assertTrue(names.containsAll(List.of("rescue", "unrescue")), names.toString());
    }

    /** The guest's last "ready" line on its console, once there is one that is {@code wanted}. */
    private static String readyLine(java.util.function.Predicate<String> wanted) throws Exception {
        return CloudWaits.waitFor(Duration.ofSeconds(180), "the guest's ready line", () -> {
            String log = tenant.run("console", "log", "show", SERVER).expectSuccess("console log").stdout();
            List<String> ready = log.lines().filter(l -> l.contains(GUEST_SAYS + "ready ")).toList();
            return ready.isEmpty() || !wanted.test(ready.get(ready.size() - 1)) ? null : ready.get(ready.size() - 1);
        });
    }

    @Test
    @Order(11)
    void resizesItRevertsAndResizesAgain() throws Exception {
        ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");
        JsonNode small = tenant.json("flavor", "show", "m1.small");
        tenant.run("server", "resize", "--flavor", "m1.small", "--wait", SERVER).expectSuccess("server resize --wait");
        JsonNode resized = ComputeHosts.waitForStatus(tenant, serverId, "VERIFY_RESIZE");
        assertTrue(resized.path("flavor").toString().contains("m1.small"), resized.toString());
        if (cloud.driver().equals("libvirt")) {
            assertEquals("running", virsh.state(serverId));
            assertEquals(small.path("ram").asLong() * 1024, virsh.maxMemoryKib(serverId), "the guest has the new memory");
        }
        tenant.run("server", "resize", "revert", SERVER).expectSuccess("server resize revert");
        JsonNode reverted = ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");
        assertTrue(reverted.path("flavor").toString().contains("m1.tiny"), reverted.toString());
        if (cloud.driver().equals("libvirt")) {
            assertEquals(flavor.path("ram").asLong() * 1024, virsh.maxMemoryKib(serverId), "the old memory is back");
        }

        tenant.run("server", "resize", "--flavor", "m1.small", "--wait", SERVER).expectSuccess("server resize --wait");
        ComputeHosts.waitForStatus(tenant, serverId, "VERIFY_RESIZE");
        tenant.run("server", "resize", "confirm", SERVER).expectSuccess("server resize confirm");
        JsonNode confirmed = ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");
        assertTrue(confirmed.path("flavor").toString().contains("m1.small"), confirmed.toString());
        if (cloud.driver().equals("libvirt")) {
            assertEquals(small.path("ram").asLong() * 1024, virsh.maxMemoryKib(serverId));
            String blk = Shell.run(cloud.state, Map.of(), 30, "virsh", "-c", "qemu:///system", "domblkinfo", serverId,
                    "vda").expectSuccess("virsh domblkinfo").stdout();
            assertTrue(blk.matches("(?s).*Capacity:\\s+" + small.path("disk").asLong() * 1024 * 1024 * 1024 + "\\s.*"),
                    "the root disk grew to the new flavor's: " + blk);
            Path dir = cloud.state.resolve("instances").resolve(serverId);
            assertFalse(Files.exists(dir.resolve("disk.resize-backup")), "the confirm dropped the old disk");
        }
        List<String> names = tenant.json("server", "event", "list", SERVER).findValuesAsText("Action");
        assertTrue(names.containsAll(List.of("resize", "revertResize", "confirmResize")), names.toString());
        // the quota step counts the server with its new flavor
        flavor = small;
    }

    @Test
    @Order(12)
    void shelvesItOffTheHostAndUnshelvesIt() throws Exception {
        ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");
        tenant.run("server", "shelve", "--wait", SERVER).expectSuccess("server shelve --wait");
        JsonNode shelved = ComputeHosts.waitForStatus(tenant, serverId, "SHELVED_OFFLOADED");
        assertEquals(0, shelved.path("OS-EXT-STS:power_state").asInt(), shelved.toString());
        JsonNode images = tenant.json("image", "list", "--name", SERVER + "-shelved");
        assertEquals(1, images.size(), "the shelved disk is an image: " + images);
        if (cloud.driver().equals("libvirt")) {
            assertNotEquals(0, Shell.run(cloud.state, Map.of(), 30, "virsh", "-c", "qemu:///system", "dominfo",
                    serverId).exitCode(), "an offloaded server has no domain on the host");
            assertFalse(Files.exists(cloud.state.resolve("instances").resolve(serverId)));
        }
        tenant.run("server", "unshelve", "--wait", SERVER).expectSuccess("server unshelve --wait");
        ComputeHosts.waitForStatus(tenant, serverId, "ACTIVE");
        if (cloud.driver().equals("libvirt")) {
            assertEquals("running", virsh.state(serverId));
            // the shelved disk came back: its boot count goes on
            String line = readyLine(l -> l.contains("instance=" + serverId) && !l.matches(".* boot=1 .*"));
            assertTrue(line.matches(".* boot=[2-9][0-9]* .*"), line);
        }
        CloudWaits.waitFor(Duration.ofSeconds(30), "the shelved image deleted", () ->
                tenant.json("image", "list", "--name", SERVER + "-shelved").isEmpty() ? true : null);
        List<String> names = tenant.json("server", "event", "list", SERVER).findValuesAsText("Action");
        assertTrue(names.containsAll(List.of("shelve", "unshelve")), names.toString());
    }

    @Test
    @Order(13)
    void attachesASecondNetworkAndDetachesIt() throws Exception {
        assumeTrue(network, "network-service is not in the catalog");
        tenant.json("network", "create", "day-net-2");
        tenant.json("subnet", "create", "--network", "day-net-2", "--subnet-range", "10.43.0.0/24", "day-subnet-2");
        long begin = System.nanoTime();
        tenant.run("server", "add", "network", SERVER, "day-net-2").expectSuccess("server add network");
        System.out.printf("tenant day: server add network (driver %s): %.2f s%n", cloud.driver(),
                (System.nanoTime() - begin) / 1e9);
        JsonNode attached = tenant.json("server", "show", SERVER);
        assertTrue(attached.path("addresses").path("day-net-2").toString().contains("10.43.0."), attached.toString());
        assertTrue(attached.path("addresses").path("day-net").toString().contains("10.42.0."), attached.toString());
        if (cloud.driver().equals("libvirt")) {
            assertEquals(2, virsh.interfaces(serverId), "the NIC is hot-plugged into the running guest");
            assertEquals("running", virsh.state(serverId));
        }
        tenant.run("server", "remove", "network", SERVER, "day-net-2").expectSuccess("server remove network");
        JsonNode detached = tenant.json("server", "show", SERVER);
        assertTrue(detached.path("addresses").path("day-net-2").isMissingNode(), detached.toString());
        if (cloud.driver().equals("libvirt")) {
            assertEquals(1, virsh.interfaces(serverId), "the NIC is unplugged");
        }
        JsonNode ports = tenant.json("port", "list", "--long", "--network", "day-net-2");
        assertTrue(ports.findValuesAsText("Device Owner").stream().allMatch(o -> o.startsWith("network:")),
                "the port the attach created is deleted with the detach: " + ports);
        List<String> names = tenant.json("server", "event", "list", SERVER).findValuesAsText("Action");
        assertTrue(names.containsAll(List.of("attach_interface", "detach_interface")), names.toString());
        tenant.run("subnet", "delete", "day-subnet-2").expectSuccess("subnet delete");
        tenant.run("network", "delete", "day-net-2").expectSuccess("network delete");
    }

    @Test
    @Order(14)
    void quotaAndLimitsFollowIt() throws Exception {
        cloud.openstack("admin", "quota", "set", "--instances", "4", "--server-groups", "3", PROJECT)
                .expectSuccess("quota set");
        JsonNode quota = tenant.json("quota", "show");
        assertEquals(4, quota.path("instances").asInt(), quota.toString());
        assertEquals(3, quota.path("server-groups").asInt(), quota.toString());
        Map<String, Integer> limits = limits();
        assertEquals(4, limits.get("maxTotalInstances"), limits.toString());
        assertEquals(3, limits.get("maxServerGroups"), limits.toString());
        assertEquals(1, limits.get("totalInstancesUsed"), limits.toString());
        assertEquals(flavor.path("vcpus").asInt(), limits.get("totalCoresUsed"), limits.toString());
        assertEquals(flavor.path("ram").asInt(), limits.get("totalRAMUsed"), limits.toString());
        assertEquals(1, limits.get("totalServerGroupsUsed"), limits.toString());
    }

    @Test
    @Order(15)
    void deletesItAndWaits() throws Exception {
        tenant.run("server", "delete", "--wait", SERVER).expectSuccess("server delete --wait");
        Shell.Result gone = tenant.run("server", "show", serverId);
        assertNotEquals(0, gone.exitCode());
        assertTrue(gone.stderr().contains("No server with a name or ID"), gone.stderr());
        assertEquals(0, tenant.json("server", "list").size());
        assertEquals(0, limits().get("totalInstancesUsed"));
        if (cloud.driver().equals("libvirt")) {
            assertNotEquals(0, Shell.run(cloud.state, Map.of(), 30, "virsh", "-c", "qemu:///system", "dominfo",
                    serverId).exitCode(), "the domain outlived its server");
            assertFalse(Files.exists(cloud.state.resolve("instances").resolve(serverId)),
                    "the instance directory (disk, config drive) outlived its server");
        }
        assertEquals(List.of(), textList(tenant.json("server", "group", "show", "day-group").path("members")));
        tenant.run("server", "group", "delete", "day-group").expectSuccess("server group delete");
        tenant.run("keypair", "delete", "day-key").expectSuccess("keypair delete");
        for (String image : List.of("day-image", "day-ramdisk", "day-kernel")) {
            tenant.run("image", "delete", image).expectSuccess("image delete " + image);
        }
    }

    private static Map<String, Integer> limits() throws Exception {
        Map<String, Integer> limits = new java.util.HashMap<>();
        for (JsonNode row : tenant.json("limits", "show", "--absolute")) {
            limits.put(row.path("Name").asText(), row.path("Value").asInt());
        }
        return limits;
    }

    private static List<String> textList(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
