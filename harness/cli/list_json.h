/*
 * `vcts list --json`: the test registry as one JSON document, for tools
 * that plan runs or index tests (schema in docs/cli.md).
 */
#ifndef VCTS_LIST_JSON_H
#define VCTS_LIST_JSON_H

#include <stddef.h>

#include "protocol/run_state.h"

#define LIST_JSON_SCHEMA 1

/*
 * @tests in the order given, as JSON text with a final newline
 * (allocated; the caller frees it).
 */
char *list_json_text(const struct listed_test *const *tests, size_t count);

#endif
