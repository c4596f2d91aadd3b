package dev.stratus.compat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Plain GETs against the running cloud, for what the CLI does not show: a page a browser opens, the status an
 * endpoint answers a token with.
 */
final class HttpGet {

    /** What a GET answered: its status and body. */
    record Page(int status, String body) {
    }

    private HttpGet() {
    }

    /** The page at {@code url}, as a browser without credentials fetches it. */
    static Page page(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return new Page(response.statusCode(), response.body());
    }

    /** The status of a GET of {@code url} with a Keystone token; the body is not read. */
    static int status(String url, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
