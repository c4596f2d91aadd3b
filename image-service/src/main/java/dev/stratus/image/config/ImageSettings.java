package dev.stratus.image.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "stratus.image")
public interface ImageSettings {

    /** Directory of the file-system store used when {@link #stores()} is not configured (store id {@code file}). */
    @WithDefault("/var/lib/stratus/images")
    String storeDirectory();

    /**
     * Named file stores, as Glance's {@code enabled_backends}: {@code stratus.image.stores[0].id=fast},
     * {@code ...[0].directory}, {@code ...[0].description}, {@code ...[0].default=true}. Exactly one is the
     * default; staged data of imports lives under the default store. Unset: one store, {@code file}, in
     * {@link #storeDirectory()}.
     */
    Optional<List<Store>> stores();

    interface Store {
        /** The store identifier clients name ({@code X-Image-Meta-Store}, import {@code stores}). */
        String id();

        /** Directory holding the store's images. */
        String directory();

        /** Shown by {@code GET /v2/info/stores}; omitted when unset, as Glance does. */
        Optional<String> description();

        /** Where uploads and imports go when the request names no store. */
        @WithName("default")
        @WithDefault("false")
        boolean isDefault();
    }

    /**
     * Glance's {@code show_multiple_locations}: images show their {@code locations} (url and metadata of each copy,
     * in order) and users may add, replace and remove them by JSON patch. Off by default, as in Glance: the
     * locations of stored copies name files of the cloud.
     */
    @WithDefault("false")
    boolean showMultipleLocations();

    /**
     * The subdirectory of the default store holding this worker's staged data ({@code PUT /stage}, web-download,
     * glance-download). Workers sharing the stores each stage in their own (Glance's per-worker staging area):
     * give each a distinct name, and each its {@link #workerSelfReferenceUrl()}.
     */
    @WithDefault("staging")
    String stagingName();

    /**
     * Glance's {@code worker_self_reference_url}: the URL by which the other image-service workers reach this one.
     * When set, staged images record it ({@code os_glance_stage_host}), and a {@code glance-direct} import or a delete
     * of an image staged on another worker is proxied there. Unset (the default): nothing is recorded nor proxied.
     */
    Optional<String> workerSelfReferenceUrl();

    /** Glance's {@code show_image_direct_url}: images show {@code direct_url}, the first location's URL. */
    @WithDefault("false")
    boolean showImageDirectUrl();

    /** How long the http store waits to connect, and for an answer (HEAD when adding, GET when serving). */
    @WithDefault("PT30S")
    java.time.Duration httpStoreTimeout();

    /** Largest image accepted, in bytes (Glance's image_size_cap; 1 TiB by default). */
    @WithDefault("1099511627776")
    long maxImageSize();

    /** Per-project limits; -1 is unlimited (Glance enforces none unless configured). */
    Quota quota();

    interface Quota {
        /** Images a project may own. */
        @WithDefault("-1")
        long imageCount();

        /** Bytes of image data a project may store, staged data included. */
        @WithDefault("-1")
        long totalBytes();
    }

    /** Crash recovery of imports: the heartbeat of running imports and the sweep of interrupted ones. */
    @WithName("import")
    Import imports();

    interface Import {
        /** How often a running import updates its task's {@code updated_at}, showing it is alive. */
        @WithDefault("PT30S")
        java.time.Duration heartbeatInterval();

        /**
         * How long an import task may go without a heartbeat before it is taken for dead (its process stopped):
         * the recovery sweep then ends it as failed, and a new import may take the image's lock. Several
         * heartbeats long.
         */
        @WithDefault("PT5M")
        java.time.Duration timeout();

        /** How often the recovery sweep looks for interrupted imports (it also runs at start-up). */
        @WithDefault("PT60S")
        java.time.Duration recoveryInterval();

        /**
         * Glance's {@code enabled_import_methods}: the import methods offered, in this order ({@code glance-direct},
         * {@code web-download}, {@code copy-image}, {@code glance-download}; Glance leaves the last one off by
         * default). {@code copy-image} is offered only with two stores or more.
         */
        @WithDefault("glance-direct,web-download,copy-image")
        List<String> enabledMethods();

        /**
         * How long a {@code web-download} or {@code glance-download} waits to connect, and for each read of the
         * data (or of the catalog and the remote image's record).
         */
        @WithDefault("PT60S")
        java.time.Duration downloadTimeout();
    }

    /**
     * Glance's {@code [import_filtering_opts]}: the URIs {@code web-download} may fetch (and {@code glance-download}
     * the remote image's data from), checked as Glance's {@code validate_import_uri} checks them. When both a list
     * and its {@code disallowed} twin are set, only the allowed list counts. A list that is just {@code *} is no
     * list: an empty value cannot say so, since the configuration takes an empty value for a missing one (and so
     * for the default).
     */
    @WithName("import-filtering")
    ImportFiltering importFiltering();

    interface ImportFiltering {
        /** Glance's {@code allowed_schemes}. */
        @WithDefault("http,https")
        List<String> allowedSchemes();

        /** Glance's {@code disallowed_schemes}. */
        Optional<List<String>> disallowedSchemes();

        /** Glance's {@code allowed_hosts}: host names or IP addresses; none by default (any host). */
        Optional<List<String>> allowedHosts();

        /** Glance's {@code disallowed_hosts}. */
        Optional<List<String>> disallowedHosts();

        /**
         * Glance's {@code allowed_ports}: a URI naming a port must name one of these (a URI without a port is not
         * checked, as in Glance). {@code *}: any port.
         */
        @WithDefault("80,443")
        List<String> allowedPorts();

        /** Glance's {@code disallowed_ports}. */
        Optional<List<String>> disallowedPorts();
    }

    /** Glance's {@code [glance_download_properties]}. */
    @WithName("glance-download")
    GlanceDownload glanceDownload();

    interface GlanceDownload {
        /**
         * Glance's {@code extra_properties}: the prefixes of the remote image's properties a {@code glance-download}
         * copies onto the image (no others; never {@code os_glance_*} ones nor core attributes).
         */
        @WithDefault("hw_,trait:,os_distro,os_secure_boot,os_type")
        List<String> extraProperties();
    }

    /** Glance's image cache on this host; off unless {@link Cache#directory()} is set. */
    Cache cache();

    interface Cache {
        /**
         * Glance's {@code image_cache_dir}: where cached copies of images are kept. Unset: no cache, and the cache
         * API answers 404 as Glance's does.
         */
        Optional<String> directory();

        /** Glance's {@code image_cache_max_size}: the pruner drops least recently accessed copies beyond it. */
        @WithDefault("10737418240")
        long maxSize();

        /** How often the prefetcher looks for queued images (queueing one also wakes it at once). */
        @WithDefault("PT60S")
        java.time.Duration prefetchInterval();
    }
}
