package dev.stratus.network;

import dev.stratus.common.web.app.TestKeys;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;

/** Tokens for tests, signed by a key this test app trusts in place of the identity service's. */
@Alternative
@Priority(1)
@ApplicationScoped
public class NetworkTestKeys extends TestKeys {

    public NetworkTestKeys() throws Exception {
        super();
    }

    public String member(String user, String project) {
        return token(user, project, List.of("member", "reader"));
    }

    public String reader(String user, String project) {
        return token(user, project, List.of("reader"));
    }

    public String admin() {
        return token("cloud-admin", "admin-project", List.of("admin", "member", "reader"));
    }

    /** A compute node or compute-api: the service role in the service project. */
    public String service() {
        return token("nova", "service-project", List.of("service"));
    }
}
