/*
 * The one thing the kernel reads from AML: the sleep types of the \_S5
 * (soft off) object, found by scanning a definition block's bytes rather
 * than by running an interpreter. A pure function of the bytes it is
 * given, so that the host unit tests (tests/unit/test_acpi_aml.c) run it
 * on real DSDTs and on malformed ones.
 */
#ifndef VCTS_X86_ACPI_AML_H
#define VCTS_X86_ACPI_AML_H

#include <stddef.h>
#include <stdint.h>

/*
 * ACPI 6.4 7.4.2 (\_Sx System States): the package's first two integers
 * are the values for PM1a_CNT.SLP_TYP and PM1b_CNT.SLP_TYP; on a
 * hardware-reduced platform the first goes to the sleep control
 * register's SLP_TYPx field (4.8.3.7). Both fields are 3 bits wide.
 */
struct acpi_s5 {
	uint8_t slp_typ_a;
	uint8_t slp_typ_b;
	size_t offset;		/* where "_S5_" starts in the bytes scanned */
};

/*
 * Looks for `Name (\_S5, Package () { a, b, ... })` in @aml (@length bytes
 * of AML: a DSDT or SSDT after its 36-byte header). Returns 0 and fills
 * @s5, or -1 with a reason in @why (a static string) when there is no
 * such object or it is not one this reader accepts (truncated, a package
 * length past the end, fewer than two elements, an element that is not an
 * integer constant, a value wider than SLP_TYP's 3 bits). Never reads
 * outside @aml[0 .. @length).
 */
int acpi_aml_find_s5(const uint8_t *aml, size_t length, struct acpi_s5 *s5,
		     const char **why);

#endif
