package org.shouhu.tenancy.boundary;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a boundary whose transactions act for the caller's tenant. Put it beside {@code @Transactional}: the
 * binding interceptor runs inside the transaction and binds the tenant named by the verified token.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface BindTenant {}
