/*
 * VirtualBox attaches hard disks in its own formats (VDI, VMDK, VHD...),
 * not raw files. A VMDK of type monolithicFlat is a text descriptor whose
 * one extent is the raw file itself ("RW SECTORS FLAT "file" 0"), so the
 * guest's writes land in vcts's image, where the host checks read them
 * (VMware Virtual Disk Format 1.1, sections "The Descriptor File" and
 * "Extent Descriptions"). The extent's name is relative to the
 * descriptor, which sits next to it.
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/virtualbox/virtualbox.h"
#include "util.h"

#define SECTOR_BYTES 512
#define GEOMETRY_HEADS 16
#define GEOMETRY_SECTORS 63

char *vmdk_path(const char *image_dir, const struct device_instance *dev)
{
	const char *dot = strrchr(dev->image_name, '.');
	size_t stem = dot ? (size_t)(dot - dev->image_name) : strlen(dev->image_name);

	return xasprintf("%s/%.*s.vmdk", image_dir, (int)stem, dev->image_name);
}

char *vmdk_descriptor_text(const char *flat_name, uint64_t bytes)
{
	uint64_t sectors = bytes / SECTOR_BYTES;
	uint64_t cylinders = sectors / (GEOMETRY_HEADS * GEOMETRY_SECTORS);

	return xasprintf("# Disk DescriptorFile\n"
			 "version=1\n"
			 "CID=fffffffe\n"
			 "parentCID=ffffffff\n"
			 "createType=\"monolithicFlat\"\n"
			 "\n"
			 "# Extent description\n"
			 "RW %llu FLAT \"%s\" 0\n"
			 "\n"
			 "# The disk Data Base\n"
			 "ddb.virtualHWVersion = \"4\"\n"
			 "ddb.adapterType = \"lsilogic\"\n"
			 "ddb.geometry.cylinders = \"%llu\"\n"
			 "ddb.geometry.heads = \"%d\"\n"
			 "ddb.geometry.sectors = \"%d\"\n",
			 (unsigned long long)sectors, flat_name,
			 (unsigned long long)(cylinders ? cylinders : 1), GEOMETRY_HEADS,
			 GEOMETRY_SECTORS);
}
