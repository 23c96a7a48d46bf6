package org.shouhu.services.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Objects;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * What a worker reports from a school activity (进校园活动): at which school, on which topic, for how many people.
 * The school's place is the record's place (its town or village code). The audience is counted rather than listed:
 * a talk to a whole school reaches hundreds of children nobody names; those who are named are the record's
 * participants, and there cannot be more of them than the count. Immutable; complete or refused.
 */
@Embeddable
public class SchoolActivity {

  public static final int SCHOOL_MAX = 100;
  public static final int TOPIC_NOTE_MAX = 200;
  /** A school assembly, not a stadium: anything larger is a typing error. */
  public static final int MAX_COUNT = 5000;

  @Column(name = "school_name")
  private String school;

  @Enumerated(EnumType.STRING)
  @Column(name = "school_topic")
  private SchoolTopic topic;

  @Column(name = "school_topic_note")
  private String topicNote;

  @Column(name = "participant_count")
  private Integer participantCount;

  protected SchoolActivity() {}

  private SchoolActivity(String school, SchoolTopic topic, String topicNote, int participantCount) {
    this.school = school;
    this.topic = topic;
    this.topicNote = topicNote;
    this.participantCount = participantCount;
  }

  /**
   * @param topicNote required for {@link SchoolTopic#OTHER} (says what the topic was), optional otherwise
   */
  public static SchoolActivity of(String school, SchoolTopic topic, String topicNote, Integer participantCount) {
    if (school == null || school.isBlank()) {
      throw new InvalidValueException("REQUIRED", "Name the school.");
    }
    if (school.strip().length() > SCHOOL_MAX) {
      throw new InvalidValueException("TOO_LONG", "A school's name has at most " + SCHOOL_MAX + " characters.");
    }
    if (topic == null) {
      throw new InvalidValueException("REQUIRED", "Say what the activity was about.");
    }
    String note = topicNote == null || topicNote.isBlank() ? null : topicNote.strip();
    if (topic == SchoolTopic.OTHER && note == null) {
      throw new InvalidValueException("SVC_TOPIC_NOTE_REQUIRED", "Say what the topic was when it is OTHER.");
    }
    if (note != null && note.length() > TOPIC_NOTE_MAX) {
      throw new InvalidValueException("TOO_LONG", "A topic note has at most " + TOPIC_NOTE_MAX + " characters.");
    }
    if (participantCount == null) {
      throw new InvalidValueException("REQUIRED", "Say how many people took part.");
    }
    if (participantCount < 1 || participantCount > MAX_COUNT) {
      throw new InvalidValueException(
          "SVC_PARTICIPANT_COUNT_RANGE", "Between 1 and " + MAX_COUNT + " people take part in an activity.");
    }
    return new SchoolActivity(school.strip(), topic, note, participantCount);
  }

  public String school() {
    return school;
  }

  public SchoolTopic topic() {
    return topic;
  }

  public String topicNote() {
    return topicNote;
  }

  public int participantCount() {
    return participantCount;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SchoolActivity s && Objects.equals(school, s.school) && topic == s.topic
        && Objects.equals(topicNote, s.topicNote) && Objects.equals(participantCount, s.participantCount);
  }

  @Override
  public int hashCode() {
    return Objects.hash(school, topic, topicNote, participantCount);
  }
}
