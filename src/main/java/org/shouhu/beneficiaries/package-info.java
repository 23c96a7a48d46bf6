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
 */
package org.shouhu.beneficiaries;
