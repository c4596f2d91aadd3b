package dev.stratus.scheduler;

import dev.stratus.common.web.app.TestKeys;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;

/** Tokens for tests, signed by a key this test app trusts in place of the identity service's. */
@Alternative
@Priority(1)
@ApplicationScoped
public class SchedulerTestKeys extends TestKeys {

    public SchedulerTestKeys() throws Exception {
        super();
    }

    public String admin() {
        return token("cloud-admin", "admin-project", List.of("admin", "member", "reader"));
    }

    public String service() {
        return token("nova", "service", List.of("service"));
    }

    public String member() {
        return token("alice", "project-a", List.of("member", "reader"));
    }
}
