/*
 * The rules the reference scsi device (ref_scsi.c) can be told to break, and
 * the kernel test that catches each (docs/reference-device.md).
 *
 * REF_FAULTS_SCSI(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * SCSI_FAULT_CASES(X): X(case, REF_FAULT_ID, "device", "test id", CLAUSE_...),
 * as FAULT_CASES in test_faults.c.
 */
#ifndef VCTS_REF_FAULTS_SCSI_H
#define VCTS_REF_FAULTS_SCSI_H

#define REF_FAULTS_SCSI(X)

#define SCSI_FAULT_CASES(X)

#endif
