package dev.stratus.common.web;

import dev.stratus.common.fault.FaultStyle;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** How a service's REST API presents itself: fault dialect, request-id headers, paging and microversions. */
@ConfigMapping(prefix = "stratus.api")
public interface ApiSettings {

    /** Error body dialect of this service. */
    @WithDefault("nova")
    FaultStyle faultStyle();

    /**
     * Response headers that carry the request id; Nova also sends {@code x-compute-request-id}.
     */
    @WithDefault("x-openstack-request-id")
    List<String> requestIdHeaders();

    /**
     * Base URL clients reach this service at, when it differs from what the request shows (behind a
     * proxy). Used in links and version documents.
     */
    Optional<String> publicUrl();

    /** Largest page a list call returns, whatever {@code limit} asks for. */
    @WithDefault("1000")
    int maxPageSize();

    /** Microversion negotiation; absent for services without microversions. */
    Optional<MicroversionSettings> microversion();

    interface MicroversionSettings {
        /** Service type named in {@code OpenStack-API-Version}, e.g. {@code compute}. */
        String serviceType();

        /** Legacy header, e.g. {@code X-OpenStack-Nova-API-Version}. */
        Optional<String> legacyHeader();

        /** Lowest supported version, e.g. {@code 2.1}. */
        String min();

        /** Highest version implemented, e.g. {@code 2.90}. */
        String max();

        /**
         * Only paths below this prefix are versioned (the versions document on {@code /} is not);
         * every path when absent. No default here: a default would make the optional group always present.
         */
        Optional<String> pathPrefix();
    }
}
