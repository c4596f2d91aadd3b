# shellcheck shell=bash
# Seeds the cloud's networks as DevStack does: an external flat network "public" (172.24.4.0/24, no DHCP,
# on the host bridge of physical network "public"), the deployment's default external network; the demo
# project's "private" network (10.0.0.0/26 with DHCP) and its router "router1" with its gateway on public and
# an interface on private-subnet; and the shared default IPv4 subnet pool "shared-default-subnetpool-v4"
# (10.128.0.0/16, /26 subnets), from which get-me-a-network ("--nic auto") gives a project its network.
# Needs: STRATUS_IDENTITY_PORT, STRATUS_NETWORK_PORT, ADMIN_PASSWORD; uses admin_token and json_field
# (guest-image.sh); sets NETWORK_SUMMARY.

PUBLIC_CIDR=${STRATUS_PUBLIC_CIDR:-172.24.4.0/24}
PUBLIC_GATEWAY=${STRATUS_PUBLIC_GATEWAY:-172.24.4.1}
PUBLIC_POOL_START=${STRATUS_PUBLIC_POOL_START:-172.24.4.10}
PUBLIC_POOL_END=${STRATUS_PUBLIC_POOL_END:-172.24.4.250}
PRIVATE_CIDR=${STRATUS_PRIVATE_CIDR:-10.0.0.0/26}
SUBNETPOOL_V4=${STRATUS_SUBNETPOOL_PREFIX_V4:-10.128.0.0/16}

neutron() { # $1 = token, $2 = method, $3 = path under /v2.0, [$4 = JSON body]
  curl -sf -X "$2" -H "X-Auth-Token: $1" -H 'Content-Type: application/json' ${4:+-d "$4"} \
    "http://127.0.0.1:$STRATUS_NETWORK_PORT/v2.0/$3"
}

# Prints the id of the first $2 (networks, subnets, routers) named $3, or nothing.
find_named() { # $1 = token, $2 = collection, $3 = name
  neutron "$1" GET "$2?name=$3" | json_field "d['$2'][0]['id'] if d['$2'] else ''"
}

project_id() { # $1 = token, $2 = project name
  curl -sf -H "X-Auth-Token: $1" "http://127.0.0.1:$STRATUS_IDENTITY_PORT/v3/projects?name=$2" \
    | json_field "d['projects'][0]['id'] if d['projects'] else ''"
}

seed_networks() {
  NETWORK_SUMMARY="not seeded"
  [ "${STRATUS_SEED_NETWORKS:-1}" = 1 ] || { NETWORK_SUMMARY="not seeded (STRATUS_SEED_NETWORKS=0)"; return 0; }
  local token demo public private router subnet
  token=$(admin_token) || true
  [ -n "$token" ] || { say "warning: cannot get an admin token to seed the networks"; return 0; }
  demo=$(project_id "$token" demo)
  public=$(find_named "$token" networks public)
  if [ -z "$public" ]; then
    public=$(neutron "$token" POST networks '{"network":{"name":"public","router:external":true,"is_default":true,"provider:network_type":"flat","provider:physical_network":"public"}}' \
      | json_field "d['network']['id']") || { say "warning: network public not created"; return 0; }
    neutron "$token" POST subnets "{\"subnet\":{\"name\":\"public-subnet\",\"network_id\":\"$public\",\"ip_version\":4,\"cidr\":\"$PUBLIC_CIDR\",\"gateway_ip\":\"$PUBLIC_GATEWAY\",\"enable_dhcp\":false,\"allocation_pools\":[{\"start\":\"$PUBLIC_POOL_START\",\"end\":\"$PUBLIC_POOL_END\"}]}}" >/dev/null \
      || { say "warning: subnet public-subnet not created"; return 0; }
  fi
  if [ -z "$(neutron "$token" GET 'networks?is_default=true' | json_field "d['networks'][0]['id'] if d['networks'] else ''")" ]; then
    neutron "$token" PUT "networks/$public" '{"network":{"is_default":true}}' >/dev/null \
      || say "warning: network public is not the default external network"
  fi
  private=$(find_named "$token" networks private)
  if [ -z "$private" ]; then
    private=$(neutron "$token" POST networks "{\"network\":{\"name\":\"private\",\"project_id\":\"$demo\"}}" \
      | json_field "d['network']['id']") || { say "warning: network private not created"; return 0; }
    subnet=$(neutron "$token" POST subnets "{\"subnet\":{\"name\":\"private-subnet\",\"network_id\":\"$private\",\"project_id\":\"$demo\",\"ip_version\":4,\"cidr\":\"$PRIVATE_CIDR\"}}" \
      | json_field "d['subnet']['id']") || { say "warning: subnet private-subnet not created"; return 0; }
    router=$(neutron "$token" POST routers "{\"router\":{\"name\":\"router1\",\"project_id\":\"$demo\",\"external_gateway_info\":{\"network_id\":\"$public\"}}}" \
      | json_field "d['router']['id']") || { say "warning: router router1 not created"; return 0; }
    neutron "$token" PUT "routers/$router/add_router_interface" "{\"subnet_id\":\"$subnet\"}" >/dev/null \
      || { say "warning: router1 has no interface on private-subnet"; return 0; }
  fi
  if [ -z "$(find_named "$token" subnetpools shared-default-subnetpool-v4)" ]; then
    neutron "$token" POST subnetpools "{\"subnetpool\":{\"name\":\"shared-default-subnetpool-v4\",\"prefixes\":[\"$SUBNETPOOL_V4\"],\"default_prefixlen\":26,\"shared\":true,\"is_default\":true}}" >/dev/null \
      || { say "warning: subnet pool shared-default-subnetpool-v4 not created"; return 0; }
  fi
  NETWORK_SUMMARY="public ($public, $PUBLIC_CIDR, external, default), private ($private, $PRIVATE_CIDR, project demo) with router1, default subnet pool $SUBNETPOOL_V4"
}
