# shellcheck shell=bash
# The one list of the cloud's services: name, module directory, port variable, database, health path.
# Later services are added here; a service whose module has no built application yet is skipped.

STRATUS_SERVICES=(
  "identity identity-service STRATUS_IDENTITY_PORT keystone /v3"
  "image image-service STRATUS_IMAGE_PORT glance /"
)

# Catalog entries written to the identity bootstrap: type, name, port variable, path ("-" for none).
STRATUS_CATALOG=(
  "identity keystone STRATUS_IDENTITY_PORT /v3"
  "image glance STRATUS_IMAGE_PORT -"
)
