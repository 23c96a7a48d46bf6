/**
 * Beneficiaries: the register of people an organization serves (服务对象台账).
 *
 * <p>Owns beneficiary records and their guardians: particulars (name, sex, birth date, citizen identity number,
 * phone, village, school, categories such as 留守儿童 and 困境儿童 with its kind of difficulty), the consent the data
 * is processed on, a worker's risk assessment, and the record's status. Owns the sealing of personal identifiers
 * ({@code PersonalDataCipher}, AES-256-GCM with rotating keys) and the blind index that finds a duplicate citizen
 * identity number without decrypting it.
 *
 * <p>Invariants: a citizen identity number or phone number is stored only sealed, never in clear, and never
 * appears in a log line, an exception message or an audit event. At most one active record per citizen identity
 * number in a tenant. Birth date and gender agree with the citizen identity number when both are given. A 困境儿童
 * has exactly one kind of difficulty. Every record carries consent, given by a guardian for a child under 14
 * (PIPL art. 31). Lists show masked values only; opening a record in full writes an audit event. A voided
 * record changes no more; records are voided, never deleted.
 *
 * <p>Refuses: registers for bureaus and the platform (only organizations serve people directly); bureau officers;
 * a guardian who is the person themself, or a second father or mother; revising a record someone else changed
 * since it was opened.
 *
 * <p>Also owns the ledger import (台账导入): a spreadsheet read streaming ({@code LedgerFile}), each row checked as a
 * registration is and applied idempotently by citizen identity number ({@code LedgerImport}), in background batches
 * that bind the job's tenant in every transaction ({@code LedgerImportJobs}, a handler of the jobs context's
 * queue, so any node runs or takes over an import); jobs and rejected rows are kept ({@code ImportJob},
 * {@code ImportRejection}), the uploaded file only while its job runs, sealed in the database
 * ({@code ImportUploads}). Owns the key versions too ({@code KeyVersions}): rotation, re-sealing every sealed
 * column of every context ({@code SealedValues}, {@code PersonalDataResealing}) and retirement of a version no
 * value uses. A rejection never quotes a cell. Refuses
 * import rows without a citizen identity number (a re-import could not find them again). Enrolment in projects is
 * built separately.
 *
 * <p>Also owns referrals (转介, #17: {@code Referral}, {@code Referrals}, {@code ReferralsResource},
 * {@code ReferralLetter}): a person referred to another organization the referring one's bureau funds, or to an
 * outside agency. The referral row is the only row two organizations share (V185, docs/tenancy.md): it lives in the
 * sender's tenant, is read by exactly sender and receiver, and carries only the fields the sender chose to share,
 * sealed. Accepting registers the person in the receiver's own register (deduplicated by its blind index) in the
 * receiver's transaction, audited in both tenants' chains. Invariants: a minor (under 18) is referred only on a
 * guardian's consent; a referral between organizations shares at least what a register needs; an answered
 * referral is not answered again; the receiver only answers, never edits what was sent. Refuses: referring to an
 * organization no bureau of the sender funds; a bureau reading any referral's person, reason or shared values (it
 * gets counts and waiting days).
 */
package org.shouhu.beneficiaries;
