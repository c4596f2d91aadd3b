package dev.stratus.identity.persistence;

import dev.stratus.common.auth.RevocationEvent;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "revocation_event")
public class RevocationEventEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "audit_id")
    public String auditId;
    @Column(name = "audit_chain_id")
    public String auditChainId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "domain_id")
    public String domainId;
    @Column(name = "issued_before")
    public Instant issuedBefore;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static RevocationEventEntity from(RevocationEvent e) {
        RevocationEventEntity entity = new RevocationEventEntity();
        entity.auditId = e.auditId();
        entity.auditChainId = e.auditChainId();
        entity.userId = e.userId();
        entity.projectId = e.projectId();
        entity.domainId = e.domainId();
        entity.issuedBefore = e.issuedBefore();
        entity.revokedAt = e.revokedAt();
        return entity;
    }

    public RevocationEvent toEvent() {
        return new RevocationEvent(auditId, auditChainId, userId, projectId, domainId, issuedBefore, revokedAt);
    }
}
