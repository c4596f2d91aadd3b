package dev.stratus.identity.rest;

import dev.stratus.common.fault.ApiException;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The create step every identity resource shares: refuse a duplicate name with 409, else persist. */
final class Creation {

    private Creation() {
    }

    /**
     * @param sameName how many rows already use the new entity's unique name
     * @param what     the resource, as Keystone names it in its conflict message ("role", "group", ...)
     */
    static <T extends PanacheEntityBase> Uni<T> persistUnlessTaken(Uni<Long> sameName, T entity, String what,
            String name) {
        return sameName.chain(n -> n > 0
                ? Uni.createFrom().failure(ApiException.conflict("Conflict occurred attempting to store " + what
                        + " - Duplicate entry found with name " + name + "."))
                : entity.<T>persist());
    }

    /** 201 with the created resource under its key. */
    static Response created(String key, Map<String, Object> view) {
        return Response.status(201).entity(Map.of(key, view)).build();
    }
}
