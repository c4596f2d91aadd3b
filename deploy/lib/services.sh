# shellcheck shell=bash
# The one list of the cloud's services: name, module directory, port variable, database, health path.
# Later services are added here; a service whose module has no built application yet is skipped.

STRATUS_SERVICES=(
  "identity identity-service STRATUS_IDENTITY_PORT keystone /v3"
)

# Catalog entries written to the identity bootstrap: type, name, port variable, path.
STRATUS_CATALOG=(
  "identity keystone STRATUS_IDENTITY_PORT /v3"
)
