package dev.stratus.scheduler.filter;

/** Which of the enabled filters a request runs through (each filter says which scopes it belongs to). */
public enum FilterScope {

    /** Every enabled filter: builds, reschedules and moves, an admin's unforced target host included. */
    ALL,

    /**
     * An admin's forced destination (Nova's live migration with {@code force}, or a named host below 2.30): the
     * scheduler's policy filters (zone, image, server group, aggregates, same/different host) are bypassed; the
     * host only has to be the one named, up and enabled, with room for the claim.
     */
    FORCED_HOST,

    /**
     * A rebuild with a new image, checked on the server's own host: only the filters that depend on the image (Nova's
     * {@code RUN_ON_REBUILD}); capacity, service state and placement policies are not checked again.
     */
    REBUILD
}
