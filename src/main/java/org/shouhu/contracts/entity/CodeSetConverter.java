package org.shouhu.contracts.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A small set of codes in one column, comma-separated and sorted so equal sets store equal text. Reports split
 * it with {@code string_to_array} when they need rows.
 */
@Converter
public class CodeSetConverter implements AttributeConverter<Set<String>, String> {

  @Override
  public String convertToDatabaseColumn(Set<String> codes) {
    return codes == null ? "" : new TreeSet<>(codes).stream().collect(Collectors.joining(","));
  }

  @Override
  public Set<String> convertToEntityAttribute(String column) {
    if (column == null || column.isBlank()) {
      return new TreeSet<>();
    }
    return Arrays.stream(column.split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
  }
}
