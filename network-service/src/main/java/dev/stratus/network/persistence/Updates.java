package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An update of some columns of one row, which also bumps its revision number and update time. */
final class Updates {

    private Updates() {
    }

    static void apply(Db db, String table, String id, Map<String, Object> columns) {
        List<String> sets = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        columns.forEach((column, value) -> {
            sets.add(column + " = ?" + (value instanceof InetColumn ? "::inet" : ""));
            params.add(value instanceof InetColumn inet ? inet.address() : value);
        });
        sets.add(StandardAttributes.BUMP);
        params.add(id);
        db.update("update " + table + " set " + String.join(", ", sets) + " where id = ?", params.toArray());
    }
}
