package dev.stratus.network.persistence.listing;

import java.util.ArrayList;
import java.util.List;

/** A conjunction of SQL conditions and their parameters, built up one condition at a time. */
public final class Where {

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    public Where and(String clause, Object... values) {
        clauses.add("(" + clause + ")");
        params.addAll(List.of(values));
        return this;
    }

    public Where and(Where other) {
        if (!other.clauses.isEmpty()) {
            and(other.sql(), other.params.toArray());
        }
        return this;
    }

    public boolean isEmpty() {
        return clauses.isEmpty();
    }

    /** The conditions joined with {@code and}; {@code true} when there are none. */
    public String sql() {
        return clauses.isEmpty() ? "true" : String.join(" and ", clauses);
    }

    public List<Object> params() {
        return params;
    }
}
