# shellcheck shell=bash
# The one list of the cloud's services: name, module directory, port variable, database ("-" for none),
# health path. Started in this order; stopped in the reverse order.

STRATUS_SERVICES=(
  "identity identity-service STRATUS_IDENTITY_PORT keystone /v3"
  "image image-service STRATUS_IMAGE_PORT glance /"
  "placement scheduler STRATUS_PLACEMENT_PORT placement /"
  "network network-service STRATUS_NETWORK_PORT neutron /"
  "compute compute-api STRATUS_COMPUTE_PORT nova /"
  "compute-node compute-node STRATUS_NODE_PORT - /q/health/live"
)

# Catalog entries written to the identity bootstrap: type, name, port variable, path ("-" for none).
STRATUS_CATALOG=(
  "identity keystone STRATUS_IDENTITY_PORT /v3"
  "image glance STRATUS_IMAGE_PORT -"
  "placement placement STRATUS_PLACEMENT_PORT -"
  "network neutron STRATUS_NETWORK_PORT -"
  "compute nova STRATUS_COMPUTE_PORT /v2.1"
)

# Glance's distributed import in the all-in-one (deploy/cloud, STRATUS_IMAGE_REMOTE=1): a second image-service
# worker right after the first, sharing its database and stores, and its catalog entry of type image_remote (the
# service DevStack registers for its second glance-api, which Tempest's [image] alternate_image_endpoint names).
stratus_add_image_remote() {
  local services=() entry
  for entry in "${STRATUS_SERVICES[@]}"; do
    services+=("$entry")
    if [ "${entry%% *}" = image ]; then
      services+=("image-remote image-service STRATUS_IMAGE_REMOTE_PORT glance /")
    fi
  done
  STRATUS_SERVICES=("${services[@]}")
  STRATUS_CATALOG+=("image_remote glance_remote STRATUS_IMAGE_REMOTE_PORT -")
}
