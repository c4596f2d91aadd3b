package dev.stratus.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.common.fault.ApiException;
import org.junit.jupiter.api.Test;

class MicroversionNegotiatorTest {

    private final MicroversionNegotiator nova = new MicroversionNegotiator("compute",
            ApiVersion.parse("2.1"), ApiVersion.parse("2.90"));

    @Test
    void noHeaderMeansMinimum() {
        assertEquals(new ApiVersion(2, 1), nova.negotiate(null, null));
    }

    @Test
    void standardHeaderWinsOverLegacy() {
        assertEquals(new ApiVersion(2, 47), nova.negotiate("compute 2.47", "2.10"));
        assertEquals(new ApiVersion(2, 10), nova.negotiate(null, "2.10"));
        assertEquals(new ApiVersion(2, 60), nova.negotiate("placement 1.10, compute 2.60", null));
    }

    @Test
    void headerForAnotherServiceIsIgnored() {
        assertEquals(new ApiVersion(2, 1), nova.negotiate("placement 1.10", null));
    }

    @Test
    void latestMeansMaximum() {
        assertEquals(new ApiVersion(2, 90), nova.negotiate("compute latest", null));
        assertEquals(new ApiVersion(2, 90), nova.negotiate(null, "latest"));
    }

    @Test
    void malformedIs400AndOutOfRangeIs406() {
        ApiException malformed = assertThrows(ApiException.class, () -> nova.negotiate("compute 2.x", null));
        assertEquals(400, malformed.status());
        assertEquals(400, assertThrows(ApiException.class, () -> nova.negotiate("compute 2.01.1", null)).status());
        ApiException tooHigh = assertThrows(ApiException.class, () -> nova.negotiate("compute 2.200", null));
        assertEquals(406, tooHigh.status());
        assertTrue(tooHigh.getMessage().contains("Minimum is 2.1 and maximum is 2.90"), tooHigh.getMessage());
        assertEquals(406, assertThrows(ApiException.class, () -> nova.negotiate(null, "3.0")).status());
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(ApiVersion.parse("2.10").atLeast("2.9"));
        assertTrue(VersionRange.since("2.47").contains(ApiVersion.parse("2.90")));
        assertTrue(!VersionRange.between("2.1", "2.46").contains(ApiVersion.parse("2.47")));
    }
}
