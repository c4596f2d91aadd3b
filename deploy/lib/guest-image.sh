# shellcheck shell=bash
# Seeds the cloud's default image: the project's test guest (deploy/guest-image), uploaded once as a
# Glance "uec" triple: kernel (aki), ramdisk (ari) and a machine image (ami) naming both.
# Needs: STATE, STRATUS_IDENTITY_PORT, STRATUS_IMAGE_PORT, ADMIN_PASSWORD, REGION; sets GUEST_IMAGE_SUMMARY.

GUEST_IMAGE_NAME=${STRATUS_GUEST_IMAGE_NAME:-stratus-guest}

json_field() { # $1 = python expression on `d` (the parsed stdin)
  python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"
}

admin_token() {
  local body
  body=$(printf '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"id":"default"},"password":"%s"}}},"scope":{"project":{"name":"admin","domain":{"id":"default"}}}}}' "$ADMIN_PASSWORD")
  curl -sf -D - -o /dev/null -H 'Content-Type: application/json' -d "$body" \
    "http://127.0.0.1:$STRATUS_IDENTITY_PORT/v3/auth/tokens" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}'
}

# Prints the id of the active image called $2, or nothing.
find_image() { # $1 = token, $2 = name
  curl -sf -H "X-Auth-Token: $1" "http://127.0.0.1:$STRATUS_IMAGE_PORT/v2/images?name=$2&status=active" \
    | json_field "d['images'][0]['id'] if d['images'] else ''"
}

# Creates and uploads one image; prints its id.
upload_image() { # $1 = token, $2 = file, $3 = JSON of the create body
  local id
  id=$(curl -sf -H "X-Auth-Token: $1" -H 'Content-Type: application/json' -d "$3" \
    "http://127.0.0.1:$STRATUS_IMAGE_PORT/v2/images" | json_field "d['id']") || return 1
  curl -sf -X PUT -H "X-Auth-Token: $1" -H 'Content-Type: application/octet-stream' \
    --data-binary @"$2" "http://127.0.0.1:$STRATUS_IMAGE_PORT/v2/images/$id/file" >/dev/null || return 1
  echo "$id"
}

seed_guest_image() {
  GUEST_IMAGE_SUMMARY="not seeded"
  [ "${STRATUS_SEED_IMAGE:-1}" = 1 ] || { GUEST_IMAGE_SUMMARY="not seeded (STRATUS_SEED_IMAGE=0)"; return 0; }
  local token out="${STRATUS_GUEST_IMAGE_DIR:-$ROOT/deploy/guest-image/out}" existing kernel ramdisk machine
  token=$(admin_token) || true
  [ -n "$token" ] || { say "warning: cannot get an admin token to seed the guest image"; return 0; }
  existing=$(find_image "$token" "$GUEST_IMAGE_NAME" 2>/dev/null || true)
  if [ -n "$existing" ]; then GUEST_IMAGE_SUMMARY="$GUEST_IMAGE_NAME ($existing)"; return 0; fi
  if [ ! -f "$out/manifest.json" ]; then
    say "Building the test guest image (deploy/guest-image/build) ..."
    "$ROOT/deploy/guest-image/build" "$out" >"$STATE/logs/guest-image.log" 2>&1 \
      || { say "warning: the guest image did not build (log: $STATE/logs/guest-image.log)"; return 0; }
  fi
  kernel=$(upload_image "$token" "$out/stratus-guest.vmlinuz" \
    "{\"name\":\"$GUEST_IMAGE_NAME-kernel\",\"disk_format\":\"aki\",\"container_format\":\"aki\",\"visibility\":\"public\"}") \
    || { say "warning: kernel upload failed"; return 0; }
  ramdisk=$(upload_image "$token" "$out/stratus-guest.initrd" \
    "{\"name\":\"$GUEST_IMAGE_NAME-ramdisk\",\"disk_format\":\"ari\",\"container_format\":\"ari\",\"visibility\":\"public\"}") \
    || { say "warning: ramdisk upload failed"; return 0; }
  machine=$(upload_image "$token" "$out/stratus-guest.img" \
    "{\"name\":\"$GUEST_IMAGE_NAME\",\"disk_format\":\"ami\",\"container_format\":\"ami\",\"visibility\":\"public\",\"kernel_id\":\"$kernel\",\"ramdisk_id\":\"$ramdisk\",\"os_command_line\":\"console=ttyS0\"}") \
    || { say "warning: machine image upload failed"; return 0; }
  GUEST_IMAGE_SUMMARY="$GUEST_IMAGE_NAME ($machine; kernel $kernel, ramdisk $ramdisk)"
}
