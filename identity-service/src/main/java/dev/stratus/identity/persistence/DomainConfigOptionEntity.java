package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One option of a domain's specific configuration ({@code /v3/domains/{id}/config}). */
@Entity
@Table(name = "domain_config_option")
@IdClass(DomainConfigOptionEntity.Key.class)
public class DomainConfigOptionEntity extends PanacheEntityBase {

    @Id
    @Column(name = "domain_id")
    public String domainId;
    @Id
    @Column(name = "group_name")
    public String groupName;
    @Id
    @Column(name = "option_name")
    public String optionName;
    /** The value as JSON (a string, number, boolean, list...). */
    public String value;
    /** Stored, never returned (ldap.password). */
    public boolean sensitive;

    /** Sets the option, adding it or replacing its value (in one statement, so racing updates cannot collide). */
    public static Uni<Integer> put(String domainId, String group, String option, String value, boolean sensitive) {
        String upsert = "insert into domain_config_option (domain_id, group_name, option_name, value, sensitive)"
                + " values (?1, ?2, ?3, ?4, ?5) on conflict (domain_id, group_name, option_name)"
                + " do update set value = excluded.value, sensitive = excluded.sensitive";
        return Panache.getSession().chain(s -> s.createNativeQuery(upsert).setParameter(1, domainId)
                .setParameter(2, group).setParameter(3, option).setParameter(4, value).setParameter(5, sensitive)
                .executeUpdate());
    }

    public record Key(String domainId, String groupName, String optionName) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }
}
