/*
 * The mutation score (make mutation-score): from the fault-case table,
 * the kernel's test registry and a record of what each case came to
 * (reference-tests --record), per area of test ids (modern.pci,
 * devices.blk, ...) the faults injected and caught by their test with
 * their clause, and the share of tests with at least one such fault.
 */
#ifndef VCTS_REF_SCORE_H
#define VCTS_REF_SCORE_H

/* The share of conformance tests that must have a caught fault, in percent. */
#define REF_SCORE_TARGET_PERCENT 95

/*
 * Prints the score lines ("mutation: ..."). Returns 0 when every case was
 * caught and the target is met, 1 otherwise, 2 when @record_path cannot
 * be read.
 */
int ref_score_print(const char *record_path);

#endif
