package org.shouhu.problems.entity;

/** One offending input field: its JSON path, a stable code and a message a person can act on. */
public record FieldError(String field, String code, String message) {}
