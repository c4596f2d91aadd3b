package dev.stratus.network.persistence.listing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The SQL side of one resource's listing: its table, the columns filters and sort keys map to, filters that
 * need more than a column (a port's fixed_ips, its security groups) and the tag type of its rows.
 */
public final class ResourceColumns {

    private final String table;
    private final String alias;
    private final String tagType;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final Map<String, Function<List<String>, Where>> special = new LinkedHashMap<>();

    public ResourceColumns(String table, String alias, String tagType) {
        this.table = table;
        this.alias = alias;
        this.tagType = tagType;
    }

    public ResourceColumns column(String attribute, Column column) {
        columns.put(attribute, column);
        return this;
    }

    /** A filter computed from all values of the attribute at once. */
    public ResourceColumns special(String attribute, Function<List<String>, Where> filter) {
        special.put(attribute, filter);
        return this;
    }

    public String from() {
        return table + " " + alias;
    }

    public String alias() {
        return alias;
    }

    public String tagType() {
        return tagType;
    }

    public Column column(String attribute) {
        return columns.get(attribute);
    }

    public Function<List<String>, Where> special(String attribute) {
        return special.get(attribute);
    }

    /** Attributes a list call may filter on. */
    public Set<String> filterable() {
        Set<String> all = new java.util.LinkedHashSet<>(columns.keySet());
        all.addAll(special.keySet());
        return all;
    }

    /** Attributes a list call may sort on. */
    public Set<String> sortable() {
        return columns.keySet();
    }
}
