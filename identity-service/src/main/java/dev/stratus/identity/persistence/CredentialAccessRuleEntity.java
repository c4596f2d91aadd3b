package dev.stratus.identity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;

/** That an application credential allows one access rule, at its place in the credential's list. */
@Entity
@Table(name = "application_credential_access_rule")
@IdClass(CredentialAccessRuleEntity.Key.class)
public class CredentialAccessRuleEntity extends PanacheEntityBase {

    @Id
    @Column(name = "application_credential_id")
    public String credentialId;
    @Id
    @Column(name = "access_rule_id")
    public String accessRuleId;
    public int position;

    public static CredentialAccessRuleEntity of(String credentialId, String accessRuleId, int position) {
        CredentialAccessRuleEntity link = new CredentialAccessRuleEntity();
        link.credentialId = credentialId;
        link.accessRuleId = accessRuleId;
        link.position = position;
        return link;
    }

    /** The links of these credentials, in each credential's order. */
    public static Uni<List<CredentialAccessRuleEntity>> ofCredentials(List<String> credentialIds) {
        if (credentialIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("credentialId in ?1 order by credentialId, position", credentialIds);
    }

    public record Key(String credentialId, String accessRuleId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
