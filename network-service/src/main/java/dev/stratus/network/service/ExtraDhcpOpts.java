package dev.stratus.network.service;

import dev.stratus.network.api.ExtraDhcpOpt;
import dev.stratus.network.api.ExtraDhcpOptsReader;
import dev.stratus.network.persistence.ExtraDhcpOptRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Applies a request's {@code extra_dhcp_opts} to a port as Neutron's extradhcpopt_db does. On create, each
 * entry with a value is stored (entries with a null value are skipped). On update the list changes only the
 * options it names, by name and IP version: a null value removes the option, a value sets it; an empty or null
 * list changes nothing. A value is only ever empty for the options that may be blank. Several entries for the
 * same option in one request apply in order (the last one wins).
 */
@ApplicationScoped
public class ExtraDhcpOpts {

    private final ExtraDhcpOptRepository options;

    public ExtraDhcpOpts(ExtraDhcpOptRepository options) {
        this.options = options;
    }

    /** Stores the options of a new port; {@code requested} may be null. */
    public void create(String portId, List<ExtraDhcpOpt> requested) {
        if (requested == null) {
            return;
        }
        for (ExtraDhcpOpt opt : requested) {
            if (storable(opt)) {
                options.put(portId, opt);
            }
        }
    }

    /** Changes the options the update names; says whether it named any. */
    public boolean update(String portId, List<ExtraDhcpOpt> requested) {
        if (requested == null || requested.isEmpty()) {
            return false;
        }
        for (ExtraDhcpOpt opt : requested) {
            if (opt.optValue() == null) {
                options.remove(portId, opt.optName(), opt.ipVersion());
            } else if (storable(opt)) {
                options.put(portId, opt);
            }
        }
        return true;
    }

    /** The options of these ports, by port id. */
    public Map<String, List<ExtraDhcpOpt>> of(List<String> portIds) {
        return options.byPorts(portIds);
    }

    /** Neutron's _is_valid_opt_value: any non-null value for the blank-able options, else a non-empty one. */
    static boolean storable(ExtraDhcpOpt opt) {
        if (ExtraDhcpOptsReader.BLANK_ALLOWED.contains(opt.optName())) {
            return opt.optValue() != null;
        }
        return opt.optValue() != null && !opt.optValue().isEmpty();
    }
}
