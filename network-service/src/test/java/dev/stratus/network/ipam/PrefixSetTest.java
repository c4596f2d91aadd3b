package dev.stratus.network.ipam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** PrefixSet against what netaddr's IPSet answers for the same sets. */
class PrefixSetTest {

    private static PrefixSet set(int version, String... cidrs) {
        return PrefixSet.of(version, Stream.of(cidrs).map(Cidr::of).toList());
    }

    private static List<String> texts(PrefixSet s) {
        return s.cidrs().stream().map(Cidr::toString).toList();
    }

    @Test
    void compactsAdjacentAndNestedPrefixes() {
        assertThat(texts(set(4, "10.0.1.0/24", "10.0.0.0/24", "10.0.0.128/25", "10.0.2.0/23")),
                contains("10.0.0.0/22"));
        assertThat(texts(set(4, "10.0.1.0/24", "10.0.2.0/24")), contains("10.0.1.0/24", "10.0.2.0/24"));
        assertThat(texts(set(6, "2001:db8::/64", "2001:db8:0:1::/64")), contains("2001:db8::/63"));
        assertThat(texts(set(4, "0.0.0.0/0")), contains("0.0.0.0/0"));
    }

    @Test
    void differenceIsSplitIntoTheFewestCidrs() {
        assertThat(texts(set(4, "10.0.0.0/22").minus(set(4, "10.0.1.0/24"))),
                contains("10.0.0.0/24", "10.0.2.0/23"));
        assertThat(texts(set(4, "10.0.0.0/24").minus(set(4, "10.0.0.0/26"))),
                contains("10.0.0.64/26", "10.0.0.128/25"));
        assertThat(set(4, "10.0.0.0/24").minus(set(4, "10.0.0.0/16")).isEmpty(), equalTo(true));
    }

    @Test
    void subsetHoldsOnlyWhenEveryAddressIsCovered() {
        assertThat(set(4, "10.0.0.0/24").subsetOf(set(4, "10.0.0.0/25", "10.0.0.128/25")), equalTo(true));
        assertThat(set(4, "10.0.0.0/23").subsetOf(set(4, "10.0.0.0/24")), equalTo(false));
    }
}
