package dev.stratus.compute.api.network;

import dev.stratus.common.network.client.NetworkServiceException;
import dev.stratus.common.fault.ApiException;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Requests to network-service and how their refusals become this API's answers. Every Nova-side view of
 * Neutron (the network catalog, the floating-IP, security-group and network proxies) goes through here, so a
 * network-service that is down is a 503 everywhere and each call names only how it maps the rest.
 */
final class NetworkServiceCalls {

    private NetworkServiceCalls() {
    }

    /** Runs {@code request}; a refusal becomes the API answer that {@code refusal} gives. */
    static <T> T call(Supplier<T> request, Function<NetworkServiceException, ApiException> refusal) {
        try {
            return request.get();
        } catch (NetworkServiceException e) {
            throw refusal.apply(e);
        }
    }

    /**
     * Runs a proxied request (Nova's os-security-groups, os-networks): its error keeps its status, except a
     * conflict (409), which becomes {@code conflictStatus} as Nova maps it per call.
     */
    static <T> T proxy(Supplier<T> request, int conflictStatus) {
        return call(request, e -> proxied(e, conflictStatus));
    }

    /** A proxied request's refusal: 503 when unreachable, a 401 becomes 403, a 409 becomes {@code conflictStatus}. */
    static ApiException proxied(NetworkServiceException e, int conflictStatus) {
        if (e.isUnreachable()) {
            return unavailable(e);
        }
        int status = e.status() == 409 ? conflictStatus : e.status() == 401 ? 403 : e.status();
        return new ApiException(status, e.getMessage());
    }

    /** network-service down is a 503; any other refusal is the caller's bad request, with its message. */
    static ApiException unavailable(NetworkServiceException e) {
        if (e.isUnreachable()) {
            return ApiException.unavailable("The network service is unavailable: " + e.getMessage());
        }
        return ApiException.badRequest(e.getMessage());
    }
}
