-- Placement's model: resource providers with inventories, traits and aggregates, and the allocations of
-- consumers (instances) against them. Plus the scheduler's view of compute hosts.

CREATE TABLE resource_providers (
    id          BIGSERIAL PRIMARY KEY,
    uuid        UUID NOT NULL UNIQUE,
    name        VARCHAR(200) NOT NULL UNIQUE,
    generation  INTEGER NOT NULL DEFAULT 0,
    root_id     BIGINT REFERENCES resource_providers (id),
    parent_id   BIGINT REFERENCES resource_providers (id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX resource_providers_parent ON resource_providers (parent_id);
CREATE INDEX resource_providers_root ON resource_providers (root_id);

-- Custom resource classes; the standard ones are known to the code.
CREATE TABLE resource_classes (
    name        VARCHAR(255) PRIMARY KEY,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE inventories (
    provider_id       BIGINT NOT NULL REFERENCES resource_providers (id) ON DELETE CASCADE,
    resource_class    VARCHAR(255) NOT NULL,
    total             BIGINT NOT NULL,
    reserved          BIGINT NOT NULL DEFAULT 0,
    min_unit          BIGINT NOT NULL DEFAULT 1,
    max_unit          BIGINT NOT NULL,
    step_size         BIGINT NOT NULL DEFAULT 1,
    allocation_ratio  DOUBLE PRECISION NOT NULL DEFAULT 1.0,
    PRIMARY KEY (provider_id, resource_class)
);

CREATE TABLE traits (
    name        VARCHAR(255) PRIMARY KEY,
    custom      BOOLEAN NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE provider_traits (
    provider_id  BIGINT NOT NULL REFERENCES resource_providers (id) ON DELETE CASCADE,
    trait        VARCHAR(255) NOT NULL REFERENCES traits (name),
    PRIMARY KEY (provider_id, trait)
);
CREATE INDEX provider_traits_trait ON provider_traits (trait);

CREATE TABLE provider_aggregates (
    provider_id     BIGINT NOT NULL REFERENCES resource_providers (id) ON DELETE CASCADE,
    aggregate_uuid  UUID NOT NULL,
    PRIMARY KEY (provider_id, aggregate_uuid)
);
CREATE INDEX provider_aggregates_aggregate ON provider_aggregates (aggregate_uuid);

CREATE TABLE consumers (
    uuid        UUID PRIMARY KEY,
    project_id  VARCHAR(255) NOT NULL,
    user_id     VARCHAR(255) NOT NULL,
    generation  INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX consumers_project ON consumers (project_id, user_id);

CREATE TABLE allocations (
    id              BIGSERIAL PRIMARY KEY,
    provider_id     BIGINT NOT NULL REFERENCES resource_providers (id),
    consumer_uuid   UUID NOT NULL REFERENCES consumers (uuid),
    resource_class  VARCHAR(255) NOT NULL,
    used            BIGINT NOT NULL CHECK (used > 0),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (consumer_uuid, provider_id, resource_class)
);
CREATE INDEX allocations_provider ON allocations (provider_id, resource_class);

-- Consumers whose allocations were released for good (instance deleted): a claim arriving later is refused.
CREATE TABLE released_consumers (
    consumer_uuid  UUID PRIMARY KEY,
    released_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The scheduler's view of compute hosts: heartbeats, operator status and aggregate membership.
CREATE TABLE compute_hosts (
    host               VARCHAR(255) PRIMARY KEY,
    provider_uuid      UUID,
    hypervisor_type    VARCHAR(255),
    cpu_arch           VARCHAR(64),
    last_heartbeat     TIMESTAMPTZ,
    disabled           BOOLEAN NOT NULL DEFAULT FALSE,
    disabled_reason    VARCHAR(255),
    forced_down        BOOLEAN NOT NULL DEFAULT FALSE,
    availability_zone  VARCHAR(255),
    aggregates         TEXT NOT NULL DEFAULT '[]',
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
