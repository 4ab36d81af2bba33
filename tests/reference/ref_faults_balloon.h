/*
 * The rules the reference balloon device (ref_balloon.c) can be told to break, and
 * the kernel test that catches each (docs/reference-device.md).
 *
 * REF_FAULTS_BALLOON(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * BALLOON_FAULT_CASES(X): X(case, REF_FAULT_ID, "device", "test id", CLAUSE_...),
 * as FAULT_CASES in test_faults.c.
 */
#ifndef VCTS_REF_FAULTS_BALLOON_H
#define VCTS_REF_FAULTS_BALLOON_H

#define REF_FAULTS_BALLOON(X)

#define BALLOON_FAULT_CASES(X)

#endif
