package dev.stratus.compute.api.view;

import dev.stratus.common.web.ApiVersion;
import dev.stratus.common.web.VersionRange;
import dev.stratus.compute.api.persistence.FlavorRow;
import java.util.Map;

/** Flavor bodies per microversion: description from 2.55, extra_specs from 2.61, swap 0 not "" from 2.75. */
public final class FlavorView {

    /** @param base public base URL for links; {@code showSpecs} whether the caller may read extra specs */
    public record Context(String base, boolean showSpecs) {
    }

    private static final VersionedFields<FlavorRow, Context> SUMMARY = new VersionedFields<FlavorRow, Context>()
            .always("id", (f, c) -> f.id())
            .always("name", (f, c) -> f.name())
            .always("links", (f, c) -> Links.of(c.base(), "flavors", f.id()))
            .in(VersionRange.since("2.55"), "description", (f, c) -> f.description());

    private static final VersionedFields<FlavorRow, Context> DETAIL = new VersionedFields<FlavorRow, Context>()
            .always("id", (f, c) -> f.id())
            .always("name", (f, c) -> f.name())
            .always("ram", (f, c) -> f.memoryMb())
            .always("disk", (f, c) -> f.rootGb())
            .always("vcpus", (f, c) -> f.vcpus())
            .always("links", (f, c) -> Links.of(c.base(), "flavors", f.id()))
            .always("OS-FLV-EXT-DATA:ephemeral", (f, c) -> f.ephemeralGb())
            .always("OS-FLV-DISABLED:disabled", (f, c) -> f.disabled())
            .in(VersionRange.between("2.1", "2.74"), "swap", (f, c) -> f.swap() == 0 ? "" : (Object) f.swap())
            .in(VersionRange.since("2.75"), "swap", (f, c) -> f.swap())
            .always("rxtx_factor", (f, c) -> f.rxtxFactor())
            .always("os-flavor-access:is_public", (f, c) -> f.isPublic())
            .in(VersionRange.since("2.55"), "description", (f, c) -> f.description())
            .when(VersionRange.since("2.61"), "extra_specs", (f, c) -> c.showSpecs(), (f, c) -> f.extraSpecs());

    private FlavorView() {
    }

    public static Map<String, Object> summary(FlavorRow f, Context c, ApiVersion v) {
        return SUMMARY.render(f, c, v);
    }

    public static Map<String, Object> detail(FlavorRow f, Context c, ApiVersion v) {
        return DETAIL.render(f, c, v);
    }
}
