/*
 * The rules the legacy PCI register model (ref_pci_legacy.c) and the
 * legacy interface of the reference device can be told to break, and the
 * kernel test that catches each (docs/reference-device.md).
 *
 * REF_FAULTS_PCI_LEGACY(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * PCI_LEGACY_FAULT_CASES(X): X(case, REF_FAULT_ID, REF_TRANSPORT_..., "device",
 * "test id", CLAUSE_...), as TRANSPORT_FAULT_CASES in test_transports.c.
 */
#ifndef VCTS_REF_FAULTS_PCI_LEGACY_H
#define VCTS_REF_FAULTS_PCI_LEGACY_H

#define REF_FAULTS_PCI_LEGACY(X)							\
	X(LEGACY_WAITS_FOR_DRIVER_OK, "legacy-waits-for-driver-ok")

#define PCI_LEGACY_FAULT_CASES(X)

#endif
