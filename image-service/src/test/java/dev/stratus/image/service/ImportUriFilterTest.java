package dev.stratus.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.image.config.ImageSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Glance's validate_import_uri, with Glance's defaults and each of its options. */
class ImportUriFilterTest {

    private static ImportUriFilter filter(Map<String, String> options) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ImageSettings.class)
                .withSources(new PropertiesConfigSource(options, "test", 300)).build();
        return new ImportUriFilter(config.getConfigMapping(ImageSettings.class));
    }

    private static ImportUriFilter with(String option, String value) {
        return filter(Map.of("stratus.image.import-filtering." + option, value));
    }

    @Test
    void glanceDefaultsAllowHttpAndHttpsOnTheirPortsOrNoneNamed() {
        ImportUriFilter filter = filter(Map.of());
        assertTrue(filter.allows("http://example.com/image.raw"));
        assertTrue(filter.allows("https://example.com/image.raw"));
        assertTrue(filter.allows("HTTP://Example.COM:80/image.raw"));
        assertTrue(filter.allows("https://example.com:443/image.raw"));
        assertTrue(filter.allows("http://does-not.exist/no/possible/way"), "names are not resolved here");
        assertTrue(filter.allows("http://user:secret@10.0.0.1/image.raw"));
        assertTrue(filter.allows("http://[::1]/image.raw"));
        assertFalse(filter.allows("http://127.0.0.1:8000/image.raw"), "port not allowed");
        assertFalse(filter.allows("http://[::1]:8080/image.raw"));
        assertFalse(filter.allows("ftp://example.com/image.raw"));
        assertFalse(filter.allows("file:///etc/passwd"));
        assertFalse(filter.allows("example.com/image.raw"), "no scheme");
        assertFalse(filter.allows("http:///image.raw"), "no host");
        assertFalse(filter.allows("http://example.com:99999/x"), "no such port");
        assertFalse(filter.allows("http://example.com:http/x"));
        assertFalse(filter.allows(null));
        assertFalse(filter.allows("http://exa mple.com/"));
    }

    @Test
    void encodedAddressesAreRefusedAsGlanceRefusesThem() {
        ImportUriFilter filter = filter(Map.of());
        assertFalse(filter.allows("http://2130706433/"));
        assertFalse(filter.allows("http://127.1/"));
        assertFalse(filter.allows("http://017700000001/"));
        assertFalse(filter.allows("http://0x7f000001/"));
        assertFalse(filter.allows("http://0x7f.0.0.1/"));
        assertFalse(filter.allows("http://127.000.0.1/"), "leading zeros");
        assertFalse(filter.allows("http://[not:an:address]/"));
        assertEquals("127.0.0.1", ImportUriFilter.normalize("127.0.0.1"));
        assertEquals("example.com", ImportUriFilter.normalize("Example.com"));
        assertEquals("1.2.3.example", ImportUriFilter.normalize("1.2.3.example"));
        assertNull(ImportUriFilter.normalize("256.0.0.1"));
        assertEquals(ImportUriFilter.normalize("0:0:0:0:0:0:0:1"), ImportUriFilter.normalize("::1"));
    }

    @Test
    void anAllowListOfStarIsNoList() {
        ImportUriFilter anyPort = with("allowed-ports", "*");
        assertTrue(anyPort.allows("http://127.0.0.1:8000/image.raw"));
        assertTrue(anyPort.allows("http://127.0.0.1:80/image.raw"));
        ImportUriFilter anyScheme = with("allowed-schemes", "*");
        assertTrue(anyScheme.allows("ftp://example.com/image.raw"));
        assertFalse(anyScheme.allows("example.com/image.raw"), "a scheme is still needed");
    }

    @Test
    void disallowedListsCountOnlyWithoutTheirAllowedTwin() {
        // Glance: with both lists set, only the allowed one is obeyed.
        ImportUriFilter both = filter(Map.of("stratus.image.import-filtering.allowed-ports", "8000",
                "stratus.image.import-filtering.disallowed-ports", "8000"));
        assertTrue(both.allows("http://example.com:8000/"));
        assertFalse(both.allows("http://example.com:80/"));
        ImportUriFilter disallowedPort = filter(Map.of("stratus.image.import-filtering.allowed-ports", "*",
                "stratus.image.import-filtering.disallowed-ports", "22,8000"));
        assertFalse(disallowedPort.allows("http://example.com:8000/"));
        assertTrue(disallowedPort.allows("http://example.com:8001/"));

        ImportUriFilter schemes = filter(Map.of("stratus.image.import-filtering.allowed-schemes", "*",
                "stratus.image.import-filtering.disallowed-schemes", "ftp"));
        assertFalse(schemes.allows("ftp://example.com/"));
        assertTrue(schemes.allows("gopher://example.com/"));
        ImportUriFilter bothSchemes = filter(Map.of("stratus.image.import-filtering.disallowed-schemes", "https"));
        assertTrue(bothSchemes.allows("https://example.com/"), "the default allowed list wins");

        ImportUriFilter allowedHosts = with("allowed-hosts", "images.example.com,10.0.0.1");
        assertTrue(allowedHosts.allows("http://IMAGES.example.com/x"));
        assertTrue(allowedHosts.allows("http://10.0.0.1/x"));
        assertFalse(allowedHosts.allows("http://example.com/x"));
        ImportUriFilter disallowedHosts = with("disallowed-hosts", "169.254.169.254,[::1],metadata.internal");
        assertFalse(disallowedHosts.allows("http://169.254.169.254/latest"));
        assertFalse(disallowedHosts.allows("http://[0:0::1]/x"));
        assertFalse(disallowedHosts.allows("http://Metadata.Internal/x"));
        assertTrue(disallowedHosts.allows("http://example.com/x"));
    }

    @Test
    void otherSpellingsOfAHostAreTheHostTheyMean() {
        ImportUriFilter filter = with("disallowed-hosts", "127.0.0.1,[::1],metadata.internal.,Images.Example");
        for (String uri : List.of("http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
                "http://[0:0:0:0:0:FFFF:7F00:0001]/", "http://[0000::1]/", "http://[::1%1]/",
                "http://metadata.internal/", "http://metadata.internal./", "http://METADATA.Internal./",
                "http://images.example./", "http://user@IMAGES.EXAMPLE:80/", "http://127.0.0.1./",
                "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.1/", "http://127.1/")) {
            assertFalse(filter.allows(uri), uri);
        }
        assertTrue(filter.allows("http://127.0.0.2/"));
        assertTrue(filter.allows("http://[::2]/"));
        assertTrue(filter.allows("http://metadata.internal.example/"));
        assertEquals("metadata.internal", ImportUriFilter.normalize("Metadata.Internal."));
        assertNull(ImportUriFilter.normalize("."));
        assertNull(ImportUriFilter.normalize("0x7f.0.0.1."));
    }

    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // a literal: parsed, never looked up
    }

    @Test
    void everyResolvedAddressIsCheckedAgainstTheDisallowedHosts() throws Exception {
        ImportUriFilter filter = with("disallowed-hosts", "127.0.0.1,169.254.169.254,[fe80::1]");
        assertEquals(address("127.0.0.1"), filter.refusedAddress("localhost", address("127.0.0.1")));
        assertEquals(address("169.254.169.254"), filter.refusedAddress("images.example.com",
                address("10.0.0.1"), address("169.254.169.254")), "any of them");
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 255, (byte) 255, 127, 0, 0, 1};
        assertEquals("127.0.0.1", filter.refusedAddress("rebind.example", InetAddress.getByAddress(mapped))
                .getHostAddress(), "an IPv4-mapped AAAA answer");
        assertEquals(address("fe80::1%1"), filter.refusedAddress("link.example", address("fe80::1%1")),
                "with a zone");
        assertEquals(address("0.0.0.0"), filter.refusedAddress("zero.example", address("0.0.0.0")),
                "the unspecified address is this host");
        assertEquals(address("::"), filter(Map.of()).refusedAddress("[::]", address("::")));
        assertNull(filter.refusedAddress("images.example.com", address("10.0.0.1"), address("::1")));
        assertNull(filter(Map.of()).refusedAddress("localhost", address("127.0.0.1")), "no list, no refusal");
    }

    @Test
    void withAllowedHostsANameIsAllowedByItselfOrByAllItsAddresses() throws Exception {
        ImportUriFilter filter = with("allowed-hosts", "images.example.com,10.0.0.1,[fd00::5]");
        assertNull(filter.refusedAddress("Images.Example.Com.", address("192.0.2.7")), "the name is allowed");
        assertNull(filter.refusedAddress("mirror.example", address("10.0.0.1"), address("fd00:0::5")));
        assertEquals(address("10.0.0.2"), filter.refusedAddress("mirror.example", address("10.0.0.1"),
                address("10.0.0.2")));
        assertNull(filter.refusedAddress("[fd00::5]", address("fd00::5")));
    }

    @Test
    void aPortThatIsNoneIsRefusedAtStartUp() {
        assertThrows(IllegalStateException.class, () -> with("allowed-ports", "80,http"));
        assertThrows(IllegalStateException.class, () -> with("disallowed-ports", "0"));
    }
}
