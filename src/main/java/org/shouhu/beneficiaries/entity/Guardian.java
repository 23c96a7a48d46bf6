package org.shouhu.beneficiaries.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;
import org.shouhu.tenancy.entity.TenantOwned;

/**
 * A guardian (监护人) of a beneficiary: part of the {@link Beneficiary} aggregate and added only through it. Their
 * phone number is held sealed, like the beneficiary's own.
 */
@Entity
@Table(name = "guardian")
public class Guardian extends TenantOwned {

  @Id private UUID id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "beneficiary_id", nullable = false, updatable = false)
  private Beneficiary beneficiary;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Relationship relationship;

  @Column(nullable = false)
  private String name;

  @Column(name = "phone_cipher")
  private byte[] phoneCipher;

  @Column(name = "phone_key")
  private String phoneKey;

  @Column(name = "lives_with_child", nullable = false)
  private boolean livesWithChild;

  @Column(nullable = false)
  private boolean entrusted;

  @Column(name = "entrustment_agreed_on")
  private LocalDate entrustmentAgreedOn;

  @Column(name = "created_by", nullable = false, updatable = false)
  private UUID createdBy;

  @Column(name = "updated_by", nullable = false)
  private UUID updatedBy;

  protected Guardian() {}

  Guardian(UUID id, Beneficiary beneficiary, GuardianDetails details, Sealed sealedPhone, UUID by) {
    if ((details.phone() != null) != (sealedPhone != null)) {
      throw new IllegalArgumentException("the phone number is sealed exactly when given");
    }
    this.id = Objects.requireNonNull(id, "id");
    this.beneficiary = beneficiary;
    this.relationship = details.relationship();
    this.name = details.name().value();
    this.phoneCipher = sealedPhone == null ? null : sealedPhone.bytes();
    this.phoneKey = sealedPhone == null ? null : sealedPhone.keyId();
    this.livesWithChild = details.livesWithChild();
    this.entrusted = details.entrusted();
    this.entrustmentAgreedOn = details.entrustmentAgreedOn();
    this.createdBy = Objects.requireNonNull(by, "added by");
    this.updatedBy = by;
  }

  public UUID id() {
    return id;
  }

  public BeneficiaryId beneficiaryId() {
    return beneficiary.id();
  }

  public Relationship relationship() {
    return relationship;
  }

  public PersonName name() {
    return new PersonName(name);
  }

  /** Null when no phone is recorded. */
  public Sealed sealedPhone() {
    return phoneCipher == null ? null : new Sealed(phoneKey, phoneCipher);
  }

  public boolean livesWithChild() {
    return livesWithChild;
  }

  public boolean entrusted() {
    return entrusted;
  }

  public LocalDate entrustmentAgreedOn() {
    return entrustmentAgreedOn;
  }

  public UUID createdBy() {
    return createdBy;
  }
}
