/*
 * vcts.cmdline=ask: a boot image whose command line is fixed when it is
 * built (the ISO's grub.cfg, docs/boot-images.md) asks the harness for the
 * one it would have passed, with a host-action request
 * (docs/host-actions.md). A console that is output only (a serial port
 * written to a file) never answers: the kernel then runs with the words
 * it booted with, every test by default.
 */
#include "cmdline_ask.h"
#include "host_request.h"
#include "printf.h"
#include "test.h"

/* As long as the boot loader's copy (arch/x86_64/start.c). */
#define CMDLINE_MAX 2048

static char answered[CMDLINE_MAX];

const char *cmdline_ask(const char *builtin)
{
	switch (host_request_within("kernel-cmdline", "-", NULL, CMDLINE_ASK_TIMEOUT_MS, answered,
				    sizeof(answered))) {
	case HOST_ANSWER_OK:
		return answered;
	case HOST_ANSWER_NONE:
	case HOST_ANSWER_UNSUPPORTED:
		printf("# vcts.cmdline=ask: %s; running with the boot loader's command line\n",
		       answered);
		return builtin;
	case HOST_ANSWER_ERROR:
	case HOST_ANSWER_DIFFERS:
		break;
	}
	test_fatal("vcts.cmdline=ask: the harness could not give the command line: %s", answered);
}
