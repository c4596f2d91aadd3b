package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.service.HostState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Flavor extra specs {@code aggregate_instance_extra_specs:KEY=VALUE} must match the metadata of the host's
 * aggregates: some aggregate of the host has KEY with VALUE among its comma-separated values. A value may
 * carry Nova's operators {@code <in>}, {@code <or>}, {@code s==}, {@code =} and the numeric {@code >=}/{@code <=}.
 */
@ApplicationScoped
public class AggregateInstanceExtraSpecsFilter implements HostFilter {

    static final String SCOPE = "aggregate_instance_extra_specs:";

    @Override
    public String name() {
        return "AggregateInstanceExtraSpecsFilter";
    }

    @Override
    public String reject(HostState host, SelectionContext request) {
        for (Map.Entry<String, String> spec : request.spec().flavor().extraSpecs().entrySet()) {
            if (!spec.getKey().startsWith(SCOPE)) {
                continue;
            }
            String key = spec.getKey().substring(SCOPE.length());
            Set<String> values = new HashSet<>();
            for (var aggregate : host.aggregates()) {
                String v = aggregate.metadata().get(key);
                if (v != null) {
                    for (String part : v.split(",")) {
                        values.add(part.trim());
                    }
                }
            }
            if (values.isEmpty() || !ExtraSpecMatch.matches(spec.getValue(), values)) {
                return "aggregate metadata does not match " + key;
            }
        }
        return null;
    }
}
