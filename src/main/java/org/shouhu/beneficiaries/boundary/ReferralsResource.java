package org.shouhu.beneficiaries.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.beneficiaries.control.Beneficiaries;
import org.shouhu.beneficiaries.control.ReferralLetter;
import org.shouhu.beneficiaries.control.Referrals;
import org.shouhu.beneficiaries.entity.AgencyKind;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.beneficiaries.entity.Consent;
import org.shouhu.beneficiaries.entity.ConsentMethod;
import org.shouhu.beneficiaries.entity.HandOver;
import org.shouhu.beneficiaries.entity.PersonName;
import org.shouhu.beneficiaries.entity.Referral;
import org.shouhu.beneficiaries.entity.ReferralStatus;
import org.shouhu.beneficiaries.entity.Relationship;
import org.shouhu.beneficiaries.entity.SharedField;
import org.shouhu.beneficiaries.entity.Urgency;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.tenancy.boundary.BindTenant;
import org.shouhu.tenancy.boundary.Caller;
import org.shouhu.tenancy.control.Tenants;
import org.shouhu.tenancy.entity.TenantId;
import org.shouhu.tenancy.entity.TenantKind;

/**
 * Referrals (转介): an organization refers a person it serves to another organization its bureau funds, or to an
 * outside agency. The receiver sees its inbox with only the shared fields, masked, and its supervisor accepts
 * (registering the person in its own register) or declines; the sender sees the answer and when. The bureau sees
 * figures and a list without any personal field. Any other tenant's referral answers 404.
 */
@ApplicationScoped
@Path("v1/referrals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN"})
@Transactional
@BindTenant
public class ReferralsResource {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Inject Referrals referrals;
  @Inject Beneficiaries beneficiaries;
  @Inject Tenants tenants;
  @Inject Caller caller;
  @Context UriInfo uri;

  @Inject
  @ConfigProperty(name = "shouhu.referrals.response-days", defaultValue = "7")
  int responseDays;

  public record ConsentInput(LocalDate givenOn, String givenBy, String relationship, String method) {}

  public record Sending(
      String beneficiaryId, String receiverId, String reason, String services, String urgency,
      ConsentInput consent, List<String> sharedFields, String serviceRecordId) {}

  public record AgencySending(
      String beneficiaryId, String agencyKind, String agencyName, String agencyContact,
      String handedOver, String handedOverHow, LocalDate followUpOn, String reason, String services, String urgency,
      ConsentInput consent, List<String> sharedFields, String serviceRecordId) {}

  public record Acceptance(String projectId) {}

  public record Answer(String reason) {}

  public record FollowUp(String note, LocalDate nextFollowUpOn) {}

  public record Closing(String outcome) {}

  /** A possible receiver; {@code fundedByOwnBureau} false when the platform's wider permission is what offers it. */
  public record ReceiverView(UUID organizationId, String name, boolean fundedByOwnBureau) {}

  /** The visit (or other service record) a referral was made from: the sender's only. */
  public record SourceView(UUID serviceRecordId, String kind, OffsetDateTime startedAt) {}

  public record ConsentView(String givenBy, String relationship, LocalDate givenOn, String method) {}

  /** A referral as one of its two parties sees it. The sender's person id reaches only the sender, the receiver's only the receiver. */
  public record ReferralView(
      UUID id, String side, UUID senderId, String senderName, UUID receiverId, String receiverName,
      String agencyKind, String agencyName, String agencyContact, String handedOver, String handedOverHow,
      LocalDate followUpOn, String reason, String services, String urgency, ConsentView consent,
      List<String> sharedFields, Map<String, String> shared, String status, String statusReason,
      OffsetDateTime sentAt, OffsetDateTime answeredAt, long daysWaiting, boolean overdue, UUID beneficiaryId,
      UUID caseId, UUID receivedBeneficiaryId, UUID receivedEnrolmentId, SourceView source) {}

  /**
   * One organization's referrals in the bureau's figures: what it sent to organizations and their answers, what it
   * sent to outside agencies (outcome known or waiting, the oldest wait, overdue by the follow-up day or the response
   * days), what it received and how long the oldest has waited for its answer.
   */
  public record OrganizationFigures(
      UUID organizationId, String name, long sent, long accepted, long declined, long withdrawn, long waiting,
      long toAgencies, long received, long receivedWaiting, long oldestWaitingDays, long overdue, boolean isOverdue,
      long agencyOutcomeKnown, long agencyWaiting, long agencyOldestWaitingDays, long agencyOverdue) {}

  public record BureauFigures(int responseDays, List<OrganizationFigures> organizations) {}

  public record BureauListRow(
      UUID id, UUID senderId, String senderName, UUID receiverId, String receiverName, String agencyKind,
      String urgency, String status, OffsetDateTime sentAt, OffsetDateTime answeredAt, long daysWaiting,
      boolean overdue, boolean waiting, LocalDate followUpOn) {}

  /**
   * The organizations this one may refer to: active ones its bureaus fund, and, when the platform allows it, every
   * other active organization (marked, so the form can group them). Those its bureaus fund come first, then by name.
   */
  @GET
  @Path("receivers")
  public List<ReceiverView> receivers() {
    organizationsOnly();
    Map<UUID, Boolean> funded = new LinkedHashMap<>();
    for (Referrals.Receiver r : referrals.receivers()) {
      funded.merge(r.organizationId(), r.fundedByOwnBureau(), Boolean::logicalOr);
    }
    return funded.entrySet().stream()
        .map(e -> new ReceiverView(e.getKey(), name(e.getKey()), e.getValue()))
        .sorted(java.util.Comparator.comparing((ReceiverView v) -> !v.fundedByOwnBureau())
            .thenComparing(ReceiverView::name))
        .toList();
  }

  @POST
  public Response send(Sending request) {
    organizationsOnly();
    Fields check = Fields.of(request);
    UUID receiver = check.parse("receiverId", () -> Fields.id(request.receiverId()));
    Optional<UUID> from = source(check, request.serviceRecordId());
    Referral.Request r = request(check, request.beneficiaryId(), request.reason(),
        request.services(), request.urgency(), request.consent(), request.sharedFields());
    Referral sent = referrals.send(receiver, r, from, caller.userId());
    return Response.created(uri.getAbsolutePathBuilder().path(sent.id().toString()).build())
        .entity(view(sent)).build();
  }

  @POST
  @Path("agency")
  public Response toAgency(AgencySending request) {
    organizationsOnly();
    Fields check = Fields.of(request);
    AgencyKind kind = request.agencyKind() == null ? null
        : check.parse("agencyKind", () -> Fields.constant(AgencyKind.class, request.agencyKind(), "REFERRAL_AGENCY_KIND_UNKNOWN"));
    if (request.agencyKind() == null) {
      check.add("agencyKind", "REQUIRED", "'agencyKind' is required.");
    }
    check.text("agencyName", request.agencyName(), Referral.AGENCY_MAX);
    check.optionalText("agencyContact", request.agencyContact(), Referral.AGENCY_MAX);
    check.optionalText("handedOver", request.handedOver(), 1000);
    HandOver how = request.handedOverHow() == null ? null
        : check.parse("handedOverHow", () -> Fields.constant(HandOver.class, request.handedOverHow(), "REFERRAL_HAND_OVER_UNKNOWN"));
    if (request.followUpOn() != null && request.followUpOn().isBefore(LocalDate.now(CHINA))) {
      check.add("followUpOn", "REFERRAL_FOLLOW_UP_IN_PAST", "A follow-up day lies ahead.");
    }
    Optional<UUID> from = source(check, request.serviceRecordId());
    Referral.Request r = request(check, request.beneficiaryId(), request.reason(),
        request.services(), request.urgency(), request.consent(), request.sharedFields());
    Referral.Agency agency = new Referral.Agency(kind, request.agencyName(), request.agencyContact(),
        request.handedOver(), how, request.followUpOn());
    Referral sent = referrals.toAgency(r, agency, from, caller.userId());
    return Response.created(uri.getBaseUriBuilder().path("v1/referrals").path(sent.id().toString()).build())
        .entity(view(sent)).build();
  }

  /** What this organization has referred, newest first; {@code beneficiaryId} narrows it to one person. */
  @GET
  @Path("sent")
  public List<ReferralView> sent(@QueryParam("beneficiaryId") String person, @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    organizationsOnly();
    Optional<UUID> who = person == null || person.isBlank() ? Optional.empty()
        : Optional.of(Fields.pathId(person, "Beneficiary"));
    return referrals.sent(who, org.shouhu.Page.offset(offset), org.shouhu.Page.limit(limit)).stream()
        .map(this::view).toList();
  }

  @GET
  @Path("inbox")
  public List<ReferralView> inbox(@QueryParam("waiting") boolean waiting, @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    organizationsOnly();
    return referrals.inbox(waiting, org.shouhu.Page.offset(offset), org.shouhu.Page.limit(limit)).stream()
        .map(this::view).toList();
  }

  /** Agency referrals whose follow-up day has come: the worker's Today. */
  @GET
  @Path("follow-ups")
  public List<ReferralView> followUpsDue() {
    organizationsOnly();
    return referrals.followUpsDue(LocalDate.now(CHINA)).stream().map(this::view).toList();
  }

  @GET
  @Path("{id}")
  public ReferralView detail(@PathParam("id") String id) {
    organizationsOnly();
    return view(referrals.get(Fields.pathId(id, "Referral")));
  }

  /** The receiver's supervisor takes the person on, optionally enrolling them in one of its projects. */
  @POST
  @Path("{id}/accept")
  @RolesAllowed({"SUPERVISOR", "ORG_ADMIN"})
  public ReferralView accept(@PathParam("id") String id, Acceptance request) {
    organizationsOnly();
    UUID referral = Fields.pathId(id, "Referral");
    Optional<ProjectId> project = Optional.empty();
    if (request != null && request.projectId() != null && !request.projectId().isBlank()) {
      Fields check = Fields.of(request);
      UUID p = check.parse("projectId", () -> Fields.id(request.projectId()));
      check.verify();
      project = Optional.of(new ProjectId(p));
    }
    return view(referrals.accept(referral, project, caller.userId()).referral());
  }

  @POST
  @Path("{id}/decline")
  @RolesAllowed({"SUPERVISOR", "ORG_ADMIN"})
  public ReferralView decline(@PathParam("id") String id, Answer request) {
    organizationsOnly();
    UUID referral = Fields.pathId(id, "Referral");
    Fields check = Fields.of(request);
    check.text("reason", request.reason(), Referral.REASON_MAX);
    check.verify();
    return view(referrals.decline(referral, request.reason(), caller.userId()));
  }

  @POST
  @Path("{id}/withdraw")
  public ReferralView withdraw(@PathParam("id") String id, Answer request) {
    organizationsOnly();
    UUID referral = Fields.pathId(id, "Referral");
    Fields check = Fields.of(request);
    check.text("reason", request.reason(), Referral.REASON_MAX);
    check.verify();
    return view(referrals.withdraw(referral, request.reason(), caller.userId()));
  }

  @POST
  @Path("{id}/follow-up")
  public ReferralView followUp(@PathParam("id") String id, FollowUp request) {
    organizationsOnly();
    UUID referral = Fields.pathId(id, "Referral");
    Fields check = Fields.of(request);
    check.text("note", request.note(), Referral.REASON_MAX);
    if (request.nextFollowUpOn() != null && request.nextFollowUpOn().isBefore(LocalDate.now(CHINA))) {
      check.add("nextFollowUpOn", "REFERRAL_FOLLOW_UP_IN_PAST", "A follow-up day lies ahead.");
    }
    check.verify();
    return view(referrals.followUp(referral, request.note(), request.nextFollowUpOn(), caller.userId()));
  }

  @POST
  @Path("{id}/close")
  public ReferralView close(@PathParam("id") String id, Closing request) {
    organizationsOnly();
    UUID referral = Fields.pathId(id, "Referral");
    Fields check = Fields.of(request);
    check.text("outcome", request.outcome(), Referral.REASON_MAX);
    check.verify();
    return view(referrals.close(referral, request.outcome(), caller.userId()));
  }

  /** The printable referral letter (转介函, PDF): the sender's, with the shared particulars in full; audited. */
  @GET
  @Path("{id}/letter")
  @Produces({"application/pdf", "application/problem+json"})
  public Response letter(@PathParam("id") String id) {
    organizationsOnly();
    Referral r = referrals.asSender(Fields.pathId(id, "Referral"));
    byte[] pdf = ReferralLetter.of(r, name(r.senderId()), referrals.shared(r), referrals.source(r)
        .map(s -> new ReferralLetter.Source(s.kind(), s.startedAt())).orElse(null));
    referrals.letterPrinted(r, caller.userId());
    String file = "转介函-" + r.sentAt().atZoneSameInstant(CHINA).toLocalDate() + ".pdf";
    return Response.ok(pdf, "application/pdf")
        .header("Content-Disposition", "attachment; filename=\"referral-letter.pdf\"; filename*=UTF-8''"
            + java.net.URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"))
        .build();
  }

  /**
   * The bureau's figures per organization it funds (docs/reporting.md "Referral figures"): every referral such an
   * organization sent, to another organization anywhere or to an outside agency, and every one it received. The other
   * party, when another bureau funds it, gets no figures here. No person, no reason, no shared value.
   */
  @GET
  @Path("figures")
  @RolesAllowed("BUREAU_OFFICER")
  public BureauFigures figures() {
    bureausOnly();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    LocalDate today = LocalDate.now(CHINA);
    Map<UUID, long[]> by = new TreeMap<>();
    for (Referrals.BureauRow row : referrals.forBureau()) {
      if (row.senderFunded()) {
        sent(by.computeIfAbsent(row.senderId(), k -> new long[14]), row, now, today);
      }
      if (row.receiverFunded()) {
        long[] r = by.computeIfAbsent(row.receiverId(), k -> new long[14]);
        r[6]++;
        if (row.waiting()) {
          r[7]++;
          r[8] = Math.max(r[8], row.daysWaiting(now));
          if (row.overdue(now, responseDays, today)) {
            r[9]++;
          }
        }
      }
    }
    List<OrganizationFigures> out = new ArrayList<>();
    by.forEach((org, s) -> out.add(new OrganizationFigures(org, name(org), s[0], s[1], s[2], s[3], s[4], s[5], s[6],
        s[7], s[8], s[9], s[9] + s[13] > 0, s[10], s[11], s[12], s[13])));
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return new BureauFigures(responseDays, out);
  }

  /** What one referral adds to its (funded) sender's figures. */
  private void sent(long[] s, Referrals.BureauRow row, OffsetDateTime now, LocalDate today) {
    ReferralStatus status = ReferralStatus.valueOf(row.status());
    s[0]++;
    switch (status) {
      case ACCEPTED -> s[1]++;
      case DECLINED -> s[2]++;
      case WITHDRAWN -> s[3]++;
      case SENT -> s[4]++;
      default -> s[5]++;
    }
    if (row.toAgency()) {
      if (row.waiting()) {
        s[11]++;
        s[12] = Math.max(s[12], row.daysWaiting(now));
        if (row.overdue(now, responseDays, today)) {
          s[13]++;
        }
      } else {
        s[10]++;
      }
    }
  }

  /** The referrals behind the figures, optionally of one organization (as sender or receiver); no personal field. */
  @GET
  @Path("figures/list")
  @RolesAllowed("BUREAU_OFFICER")
  public List<BureauListRow> figuresList(@QueryParam("organizationId") String organization) {
    bureausOnly();
    Optional<UUID> org = organization == null || organization.isBlank() ? Optional.empty()
        : Optional.of(Fields.pathId(organization, "Organization"));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    LocalDate today = LocalDate.now(CHINA);
    Map<UUID, String> names = new HashMap<>();
    return referrals.forBureau().stream()
        .filter(r -> org.isEmpty() || org.get().equals(r.senderId()) || org.get().equals(r.receiverId()))
        .sorted((a, b) -> b.sentAt().compareTo(a.sentAt()))
        .map(r -> new BureauListRow(r.id(), r.senderId(), names.computeIfAbsent(r.senderId(), this::name),
            r.receiverId(), r.receiverId() == null ? null : names.computeIfAbsent(r.receiverId(), this::name),
            r.agencyKind(), r.urgency(), r.status(), r.sentAt(), r.answeredAt(), r.daysWaiting(now),
            r.overdue(now, responseDays, today), r.waiting(), r.followUpOn()))
        .toList();
  }

  /** The optional visit a referral is made from. */
  private static Optional<UUID> source(Fields check, String serviceRecordId) {
    if (serviceRecordId == null || serviceRecordId.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(check.parse("serviceRecordId", () -> Fields.id(serviceRecordId)));
  }

  private Referral.Request request(Fields check, String beneficiaryId, String reason,
      String services, String urgency, ConsentInput consent, List<String> sharedFields) {
    UUID person = check.parse("beneficiaryId", () -> Fields.id(beneficiaryId));
    check.text("reason", reason, Referral.REASON_MAX);
    check.text("services", services, Referral.SERVICES_MAX);
    Urgency level = urgency == null ? Urgency.ROUTINE
        : check.parse("urgency", () -> Fields.constant(Urgency.class, urgency, "REFERRAL_URGENCY_UNKNOWN"));
    Set<SharedField> shared = EnumSet.noneOf(SharedField.class);
    if (sharedFields != null) {
      for (String f : sharedFields) {
        SharedField field = check.parse("sharedFields",
            () -> Fields.constant(SharedField.class, f, "REFERRAL_SHARED_FIELD_UNKNOWN"));
        if (field != null) {
          shared.add(field);
        }
      }
    }
    Consent given = null;
    if (consent != null) {
      PersonName by = check.parse("consent.givenBy", () -> new PersonName(consent.givenBy()));
      Relationship relationship = check.parse("consent.relationship",
          () -> Fields.constant(Relationship.class, consent.relationship(), "CONSENT_RELATIONSHIP_UNKNOWN"));
      ConsentMethod method = check.parse("consent.method",
          () -> Fields.constant(ConsentMethod.class, consent.method(), "CONSENT_METHOD_UNKNOWN"));
      if (check.ok()) {
        given = check.parse("consent", () -> new Consent(consent.givenOn(), by, relationship, method));
      }
    }
    check.verify();
    LocalDate born = beneficiaries.get(new BeneficiaryId(person)).birthDate();
    try {
      return new Referral.Request(person, born, null, reason, services, level, given, shared);
    } catch (InvalidValueException e) {
      throw ProblemException.invalid(e.code().contains("CONSENT") ? "consent" : "reason", e);
    }
  }

  private ReferralView view(Referral r) {
    TenantId me = caller.tenant();
    boolean sender = r.senderId().equals(me.value());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    long days = r.daysWaiting(now);
    Map<String, String> shared = new LinkedHashMap<>();
    referrals.sharedMasked(r).forEach((k, v) -> shared.put(k.name(), v));
    return new ReferralView(
        r.id(), sender ? "SENT" : "RECEIVED", r.senderId(), name(r.senderId()), r.receiverId(),
        r.receiverId() == null ? null : name(r.receiverId()),
        r.agencyKind() == null ? null : r.agencyKind().name(), r.agencyName(), r.agencyContact(), r.handedOver(),
        r.handedOverHow() == null ? null : r.handedOverHow().name(), r.followUpOn(), r.reason(), r.services(),
        r.urgency().name(),
        new ConsentView(r.consentGivenBy(), r.consentRelationship().name(), r.consentGivenOn(),
            r.consentMethod().name()),
        r.shared().stream().map(Enum::name).toList(), shared, r.status().name(), r.statusReason(), r.sentAt(),
        r.answeredAt(), days, r.status() == ReferralStatus.SENT && days > responseDays,
        sender ? r.beneficiaryId() : null, sender ? r.caseId() : null,
        sender ? null : r.receivedBeneficiaryId(), sender ? null : r.receivedEnrolmentId(),
        sender ? referrals.source(r).map(s -> new SourceView(s.id(), s.kind(), s.startedAt())).orElse(null) : null);
  }

  private String name(UUID tenant) {
    return tenants.find(new TenantId(tenant)).map(t -> t.displayName()).orElse("—");
  }

  private void organizationsOnly() {
    if (tenants.get(caller.tenant()).kind() != TenantKind.ORGANIZATION) {
      throw ProblemException.forbidden("FORBIDDEN", "Only service organizations refer people.");
    }
  }

  private void bureausOnly() {
    if (tenants.get(caller.tenant()).kind() != TenantKind.BUREAU) {
      throw ProblemException.forbidden("FORBIDDEN", "Referral figures are the bureau's.");
    }
  }
}
