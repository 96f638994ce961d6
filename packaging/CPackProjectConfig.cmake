# Read by cpack before each generator runs (CPACK_PROJECT_CONFIG_FILE).

# CPackDeb puts CPACK_PACKAGE_DESCRIPTION_SUMMARY in front of every package's own
# description; each .deb has its own synopsis (the first line of
# CPACK_DEBIAN_<COMPONENT>_DESCRIPTION), so the common summary is left out there.
if(CPACK_GENERATOR STREQUAL "DEB")
    unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
endif()
