/*
 * The rules the reference net device (ref_net.c) can be told to break, and
 * the kernel test that catches each (docs/reference-device.md).
 *
 * REF_FAULTS_NET(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * NET_FAULT_CASES(X): X(case, REF_FAULT_ID, "device", "test id", CLAUSE_...),
 * as FAULT_CASES in test_faults.c.
 */
#ifndef VCTS_REF_FAULTS_NET_H
#define VCTS_REF_FAULTS_NET_H

#define REF_FAULTS_NET(X)

#define NET_FAULT_CASES(X)

#endif
