package dev.stratus.compat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Someone at the OpenStack CLI: a cloud of the all-in-one's clouds.yaml, or a user with their own credentials. */
@FunctionalInterface
interface Cli {

    /** {@code openstack ARGS} as this user. */
    Shell.Result run(String... args) throws Exception;

    /** {@code openstack ARGS -f json}, which must succeed. */
    default JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", "json"));
        return RunningCloud.json(run(all.toArray(String[]::new)).expectSuccess("openstack " + String.join(" ", args)));
    }
}
