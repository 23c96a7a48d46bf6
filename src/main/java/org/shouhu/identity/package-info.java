/**
 * Identity: the people who use the system, how they prove who they are, and the tokens they then carry.
 *
 * <p>Owns user accounts (one tenant each), roles, password hashing (Argon2id), the password policy, login
 * throttling and lockout, device sessions with their rotating refresh tokens, and the RS256 access tokens our own
 * token endpoint signs. Verification of tokens is left to
 * MicroProfile JWT, so an external OIDC provider can take over issuing them by configuration alone.
 *
 * <p>Invariants: a password is stored only as an Argon2id hash and is never logged; a user's roles must suit
 * the kind of tenant they belong to; a disabled user or a user of a suspended tenant cannot log in, and their
 * tokens stop working at once; a refresh token is stored only as its hash and works once, and a second use ends its
 * session; logout, revocation, password change or reset, role change and disabling cut the tokens they concern on
 * the next request. Accounts are disabled, never deleted.
 */
package org.shouhu.identity;
