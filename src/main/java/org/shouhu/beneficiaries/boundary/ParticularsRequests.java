package org.shouhu.beneficiaries.boundary;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.shouhu.beneficiaries.boundary.BeneficiariesResource.ConsentInput;
import org.shouhu.beneficiaries.boundary.BeneficiariesResource.ParticularsInput;
import org.shouhu.beneficiaries.entity.Category;
import org.shouhu.beneficiaries.entity.CitizenId;
import org.shouhu.beneficiaries.entity.Consent;
import org.shouhu.beneficiaries.entity.ConsentMethod;
import org.shouhu.beneficiaries.entity.DifficultyType;
import org.shouhu.beneficiaries.entity.Gender;
import org.shouhu.beneficiaries.entity.GuardianDetails;
import org.shouhu.beneficiaries.entity.Particulars;
import org.shouhu.beneficiaries.entity.ParticularsRefused;
import org.shouhu.beneficiaries.entity.PersonName;
import org.shouhu.beneficiaries.entity.PhoneNumber;
import org.shouhu.beneficiaries.entity.Relationship;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.regions.entity.DivisionCode;

/**
 * Turns what a client sent into {@link Particulars} and {@link Consent}, collecting every field error. Shared by
 * the JSON API and the ledger import, so a spreadsheet row passes exactly the checks a registration does.
 */
final class ParticularsRequests {

  private ParticularsRequests() {}

  record Parsed(Particulars particulars, Consent consent) {}

  /**
   * Checks every field on its own first, then (only if they all passed, so that a malformed value does not also
   * show up as "missing") the rules between fields, and reports everything it found at once.
   */
  static Parsed parse(Fields check, ParticularsInput in, boolean consentRequired) {
    PersonName name = check.parse("name", () -> new PersonName(in.name()));
    Gender gender = constant(check, "gender", in.gender(), Gender.class, "GENDER_UNKNOWN", false);
    CitizenId citizenId = blank(in.citizenId()) ? null : check.parse("citizenId", () -> CitizenId.of(in.citizenId()));
    PhoneNumber phone = blank(in.phone()) ? null : check.parse("phone", () -> PhoneNumber.of(in.phone()));
    DivisionCode village = check.parse("villageCode", () -> DivisionCode.of(in.villageCode()));
    String school = check.optionalText("school", in.school(), 100);
    String grade = check.optionalText("grade", in.grade(), 20);
    Set<Category> categories = categories(check, in.categories());
    DifficultyType difficulty =
        constant(check, "difficultyType", in.difficultyType(), DifficultyType.class, "DIFFICULTY_TYPE_UNKNOWN", false);
    Consent consent = null;
    if (in.consent() != null) {
      consent = consent(check, in.consent());
    } else if (consentRequired) {
      check.add("consent", "CONSENT_REQUIRED", "Record the consent on which the person's data is processed.");
    }
    check.verify();
    Particulars particulars = null;
    try {
      particulars =
          Particulars.of(
              name, gender, in.birthDate(), citizenId, phone, village, school, grade, categories, difficulty);
    } catch (ParticularsRefused refused) {
      refused.broken().forEach(rule -> check.add(rule.field(), rule.code(), rule.message()));
    }
    if (particulars != null && consent != null) {
      Consent given = consent;
      LocalDate born = particulars.birthDate();
      try {
        given.requireValidFor(born);
      } catch (InvalidValueException e) {
        check.add(
            e.code().equals("CONSENT_BEFORE_BIRTH") ? "consent.givenOn" : "consent.relationship",
            e.code(),
            e.getMessage());
      }
    }
    check.verify();
    return new Parsed(particulars, consent);
  }

  private static Consent consent(Fields check, ConsentInput in) {
    LocalDate givenOn = check.present("consent.givenOn", in.givenOn());
    PersonName givenBy = check.parse("consent.givenBy", () -> new PersonName(in.givenBy()));
    Relationship relationship =
        constant(check, "consent.relationship", in.relationship(), Relationship.class, "RELATIONSHIP_UNKNOWN", true);
    ConsentMethod method =
        constant(check, "consent.method", in.method(), ConsentMethod.class, "CONSENT_METHOD_UNKNOWN", true);
    if (givenOn == null || givenBy == null || relationship == null || method == null) {
      return null;
    }
    return check.parse("consent.givenOn", () -> new Consent(givenOn, givenBy, relationship, method));
  }

  private static Set<Category> categories(Fields check, List<String> names) {
    Set<Category> categories = EnumSet.noneOf(Category.class);
    if (names == null) {
      return categories;
    }
    for (int i = 0; i < names.size(); i++) {
      Category category = constant(check, "categories[" + i + "]", names.get(i), Category.class, "CATEGORY_UNKNOWN", true);
      if (category != null) {
        categories.add(category);
      }
    }
    return categories;
  }

  static <E extends Enum<E>> E constant(
      Fields check, String field, String value, Class<E> type, String unknownCode, boolean required) {
    if (blank(value)) {
      if (required) {
        check.add(field, "REQUIRED", "'" + field + "' is required.");
      }
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip());
    } catch (IllegalArgumentException e) {
      check.add(field, unknownCode, "'" + field + "' is not one of " + EnumSet.allOf(type) + ".");
      return null;
    }
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }


  /** A guardian as the API and the ledger describe one; refuses with every field error found. */
  static GuardianDetails guardian(Fields check, BeneficiariesResource.GuardianInput request) {
    Relationship relationship =
        constant(check, "relationship", request.relationship(), Relationship.class, "RELATIONSHIP_UNKNOWN", true);
    if (relationship == Relationship.SELF) {
      check.add("relationship", "GUARDIAN_RELATIONSHIP_SELF", "A person is not their own guardian.");
    }
    PersonName name = check.parse("name", () -> new PersonName(request.name()));
    PhoneNumber phone = blank(request.phone()) ? null : check.parse("phone", () -> PhoneNumber.of(request.phone()));
    check.present("livesWithChild", request.livesWithChild());
    check.verify();
    boolean entrusted = Boolean.TRUE.equals(request.entrusted());
    GuardianDetails details =
        check.parse(
            "entrustmentAgreedOn",
            () ->
                new GuardianDetails(
                    relationship, name, phone, request.livesWithChild(), entrusted, request.entrustmentAgreedOn()));
    check.verify();
    return details;
  }
}
