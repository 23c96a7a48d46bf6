package org.shouhu.identity.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stores a user's few roles in one column: a separate role table would need its own tenant discriminator and
 * buys nothing for a set of at most five constants.
 */
@Converter
public class RolesConverter implements AttributeConverter<Set<Role>, String> {

  @Override
  public String convertToDatabaseColumn(Set<Role> roles) {
    return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
  }

  @Override
  public Set<Role> convertToEntityAttribute(String column) {
    EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    if (column != null && !column.isBlank()) {
      Arrays.stream(column.split(",")).map(String::trim).map(Role::valueOf).forEach(roles::add);
    }
    return roles;
  }
}
