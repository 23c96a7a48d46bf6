package org.shouhu.tenancy.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.UUID;

/**
 * Maps every non-id UUID attribute. EclipseLink 4.0.7's built-in UUID conversion fails on a null column value
 * (an unset {@code created_by}, say), so nullable UUID columns go through this instead. The driver reads a
 * PostgreSQL {@code uuid} as {@link UUID}; text is accepted too in case a column is ever declared as such.
 */
@Converter(autoApply = true)
public class UuidColumn implements AttributeConverter<UUID, Object> {

  @Override
  public Object convertToDatabaseColumn(UUID value) {
    return value;
  }

  @Override
  public UUID convertToEntityAttribute(Object column) {
    if (column == null) {
      return null;
    }
    return column instanceof UUID uuid ? uuid : UUID.fromString(column.toString());
  }
}
