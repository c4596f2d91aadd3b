/**
 * The messages between network-service and the hosts that plug its ports (compute nodes) and compute-api.
 * What a host plumbs for a port it reads from network-service's REST API with its service token; these
 * messages only say that something changed or came up, and carry the hosts' network agents' heartbeats
 * ({@link dev.stratus.common.network.NetworkAgentReport}).
 */
package dev.stratus.common.network;
