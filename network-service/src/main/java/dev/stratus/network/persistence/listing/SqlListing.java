package dev.stratus.network.persistence.listing;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.Values;
import dev.stratus.network.ipam.IpAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link ListQuery} into SQL over a resource's {@link ResourceColumns}: filters and tag filters in the
 * where clause, sort keys (always ending with the id, so the order is total) in the order by, and the marker as
 * a keyset condition, so that a page costs the same at any depth.
 */
public final class SqlListing {

    /** The where clause, order and limit of one page; {@code reversed} pages are read backwards, then flipped. */
    public record Page(Where where, String orderBy, Integer limit, boolean reversed) {

        public String sql(String selectColumns, String from) {
            return "select " + selectColumns + " from " + from + " where " + where.sql() + " order by " + orderBy
                    + (limit == null ? "" : " limit " + limit);
        }

        public <T> List<T> flip(List<T> rows) {
            if (reversed) {
                List<T> copy = new ArrayList<>(rows);
                Collections.reverse(copy);
                return copy;
            }
            return rows;
        }
    }

    private SqlListing() {
    }

    /**
     * @param visibility what the caller may see (none for an admin)
     * @return empty when the marker names no row the caller can see
     */
    public static Optional<Page> page(Db db, ResourceColumns columns, ListQuery query, Where visibility) {
        Where where = new Where().and(visibility);
        for (ListQuery.Filter filter : query.filters()) {
            where.and(filter(columns, filter));
        }
        where.and(tags(columns, query.tags()));
        List<ListQuery.SortKey> sorts = sortKeys(query);
        boolean reversed = query.pageReverse();
        if (query.marker() != null) {
            Optional<Where> keyset = keyset(db, columns, sorts, query.marker(), visibility, reversed);
            if (keyset.isEmpty()) {
                return Optional.empty();
            }
            where.and(keyset.get());
        }
        List<String> order = new ArrayList<>();
        for (ListQuery.SortKey key : sorts) {
            boolean ascending = key.ascending() != reversed;
            order.add(columns.column(key.attribute()).sortExpression() + (ascending ? " asc" : " desc"));
        }
        return Optional.of(new Page(where, String.join(", ", order), query.limit(), reversed));
    }

    /** The query's sort keys, then the id (ascending unless the query sorts on it). */
    private static List<ListQuery.SortKey> sortKeys(ListQuery query) {
        List<ListQuery.SortKey> keys = new ArrayList<>(query.sorts());
        if (keys.stream().noneMatch(k -> k.attribute().equals("id"))) {
            keys.add(new ListQuery.SortKey("id", true));
        }
        return keys;
    }

    private static Where filter(ResourceColumns columns, ListQuery.Filter filter) {
        if (columns.special(filter.attribute()) != null) {
            return columns.special(filter.attribute()).apply(filter.values());
        }
        Column column = columns.column(filter.attribute());
        return switch (column.type()) {
            case BOOL -> {
                Set<Boolean> wanted = new LinkedHashSet<>();
                filter.values().forEach(v -> wanted.add(Values.toBoolean(v)));
                yield wanted.size() == 2 ? new Where() : new Where().and(column.expression() + " = ?",
                        wanted.iterator().next());
            }
            case INT -> {
                List<String> numbers = new ArrayList<>();
                for (String v : filter.values()) {
                    numbers.add(Integer.toString(Values.toInt(com.fasterxml.jackson.databind.node.TextNode.valueOf(v))));
                }
                yield new Where().and(column.expression() + "::text = any(?)", numbers);
            }
            case INET -> new Where().and("host(" + column.expression() + ") = any(?)", filter.values().stream()
                    .map(v -> IpAddress.parse(v).map(IpAddress::toString).orElse(v)).toList());
            default -> new Where().and(column.expression() + " = any(?)", filter.values());
        };
    }

    private static Where tags(ResourceColumns columns, ListQuery.TagFilter tags) {
        Where where = new Where();
        String owner = "t.resource_type = '" + columns.tagType() + "' and t.resource_id = " + columns.alias() + ".id";
        if (!tags.all().isEmpty()) {
            where.and("(select count(distinct t.tag) from tags t where " + owner + " and t.tag = any(?)) = ?",
                    tags.all(), new LinkedHashSet<>(tags.all()).size());
        }
        if (!tags.any().isEmpty()) {
            where.and("exists (select 1 from tags t where " + owner + " and t.tag = any(?))", tags.any());
        }
        if (!tags.notAll().isEmpty()) {
            where.and("(select count(distinct t.tag) from tags t where " + owner + " and t.tag = any(?)) < ?",
                    tags.notAll(), new LinkedHashSet<>(tags.notAll()).size());
        }
        if (!tags.notAny().isEmpty()) {
            where.and("not exists (select 1 from tags t where " + owner + " and t.tag = any(?))", tags.notAny());
        }
        return where;
    }

    /**
     * Rows after the marker in the sort order: (k1 > v1) or (k1 = v1 and k2 > v2) or ..., each comparison in
     * its key's direction.
     */
    private static Optional<Where> keyset(Db db, ResourceColumns columns, List<ListQuery.SortKey> sorts, String marker,
            Where visibility, boolean reversed) {
        List<String> expressions = sorts.stream().map(k -> columns.column(k.attribute()).sortExpression()).toList();
        List<Object> params = new ArrayList<>(visibility.params());
        params.add(marker);
        Optional<Object[]> values = db.one("select " + String.join(", ", expressions) + " from " + columns.from()
                + " where " + visibility.sql() + " and " + columns.alias() + ".id = ?", rs -> {
                    Object[] row = new Object[expressions.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    return row;
                }, params.toArray());
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<String> alternatives = new ArrayList<>();
        List<Object> keysetParams = new ArrayList<>();
        for (int i = 0; i < sorts.size(); i++) {
            StringBuilder alternative = new StringBuilder();
            for (int j = 0; j < i; j++) {
                alternative.append(expressions.get(j)).append(" = ? and ");
                keysetParams.add(values.get()[j]);
            }
            boolean ascending = sorts.get(i).ascending() != reversed;
            alternative.append(expressions.get(i)).append(ascending ? " > ?" : " < ?");
            keysetParams.add(values.get()[i]);
            alternatives.add("(" + alternative + ")");
        }
        return Optional.of(new Where().and(String.join(" or ", alternatives), keysetParams.toArray()));
    }
}
