/*
 * The registry as JSON. Everything in it is what the kernel's `list`
 * lines said; the one thing the harness adds is which of its own
 * transports (--transport names) fall in the interface and transport
 * family the kernel declared. A field an older kernel did not send is
 * null, not a guess. Fields are only ever added without a new schema
 * number, never renamed or removed.
 */
#include <json-c/json.h>
#include <stdbool.h>
#include <string.h>

#include "cli/list_json.h"
#include "plan/config.h"
#include "util.h"

/* The kernel's text, or null for a field it did not send. */
static json_object *text_or_null(const char *text)
{
	return *text ? json_object_new_string(text) : NULL;
}

static json_object *string_array(const struct strlist *list)
{
	json_object *array = json_object_new_array();

	for (size_t i = 0; i < list->count; i++)
		json_object_array_add(array, json_object_new_string(list->items[i]));
	return array;
}

/* The kernel's name for the family of @bus (test_transport_name()). */
static const char *bus_family(enum transport_bus bus)
{
	if (bus == BUS_CCW)
		return "ccw";
	return bus == BUS_MMIO ? "mmio" : "pci";
}

static bool runs_mode(const struct transport *transport, const char *mode)
{
	for (size_t i = 0; i < transport->mode_count; i++)
		if (!strcmp(transport->modes[i], mode))
			return true;
	return false;
}

/*
 * The harness transports on which @test is in scope: those of its family
 * that drive a device through its interface in some mode (a modern.pci
 * test: pci-modern and pci-transitional). A value the harness does not
 * know (a family it has no transport for) matches none; null when the
 * kernel did not declare the scope at all.
 */
static json_object *transports_in_scope(const struct listed_test *test)
{
	json_object *array;

	if (!*test->interface || !*test->transport)
		return NULL;
	array = json_object_new_array();
	for (size_t i = 0; i < transport_count(); i++) {
		const struct transport *transport = transport_at(i);
		bool family = !strcmp(test->transport, "any") ||
			      !strcmp(test->transport, bus_family(transport->bus));
		bool interface = !strcmp(test->interface, "any") ||
				 runs_mode(transport, test->interface);

		if (family && interface)
			json_object_array_add(array, json_object_new_string(transport->name));
	}
	return array;
}

static json_object *test_object(const struct listed_test *test)
{
	json_object *object = json_object_new_object();

	json_object_object_add(object, "id", json_object_new_string(test->test));
	json_object_object_add(object, "file", text_or_null(test->file));
	json_object_object_add(object, "device_type", text_or_null(test->type));
	json_object_object_add(object, "interface", text_or_null(test->interface));
	json_object_object_add(object, "transports", transports_in_scope(test));
	json_object_object_add(object, "clauses", string_array(&test->clauses));
	json_object_object_add(object, "needs", string_array(&test->needs));
	return object;
}

char *list_json_text(const struct listed_test *const *tests, size_t count)
{
	json_object *root = json_object_new_object();
	json_object *array = json_object_new_array();
	char *text;

	json_object_object_add(root, "schema", json_object_new_int(LIST_JSON_SCHEMA));
	for (size_t i = 0; i < count; i++)
		json_object_array_add(array, test_object(tests[i]));
	json_object_object_add(root, "tests", array);
	text = xasprintf("%s\n", json_object_to_json_string_ext(root,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return text;
}
