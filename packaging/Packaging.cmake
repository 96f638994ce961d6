# Install rules for the data files that ship with Vigía, and the CPack set-up.
# Included from the top-level CMakeLists.txt after every target exists:
#     include(packaging/Packaging.cmake OPTIONAL)
# The vigiad and vigia executables install themselves where they are defined.
#
#     cmake --build build && cd build && cpack          # .deb and .tar.gz on Linux

include(GNUInstallDirs)

set(_vigia_pkg_dir "${CMAKE_CURRENT_LIST_DIR}")

# --- Data files --------------------------------------------------------------------------

if(TARGET vigia)
    install(FILES "${_vigia_pkg_dir}/vigia.desktop"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")
    install(FILES "${_vigia_pkg_dir}/io.github.vigia.Vigia.metainfo.xml"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")
    install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/vigia.svg"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")
endif()

# The unit's ExecStart is /usr/bin/vigiad: it matches the .deb (installed under /usr).
install(FILES "${_vigia_pkg_dir}/vigiad.service" DESTINATION "lib/systemd/system")
install(FILES "${_vigia_pkg_dir}/vigiad.ini.example"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/vigia")

# --- CPack: common -------------------------------------------------------------------------

# Variables reach CPack exactly as written here (quotes, backslashes, the NSIS snippet).
set(CPACK_VERBATIM_VARIABLES ON)

set(CPACK_PACKAGE_NAME "vigia")
set(CPACK_PACKAGE_VENDOR "Vigía team")
set(CPACK_PACKAGE_CONTACT "Vigía team <team@vigia.invalid>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Keeps a chat bot's messages flowing")
# Line breaks kept short for the Debian control file.
set(CPACK_PACKAGE_DESCRIPTION [=[
vigiad runs next to a chat bot. It keeps a durable outbox of the bot's
notifications, delivers them through WhatsApp (WAHA), Discord webhooks and
Telegram with retries, diagnoses delivery failures, tracks the bot's
communication status and live user sessions, and serves all of it over a
REST API and a WebSocket live feed.
vigia is the Qt desktop console for operators: status banner, failed
notifications, sessions, incidents, queue statistics, and buttons to retry,
resolve and restart.]=])
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Vigia")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build[^/]*/" "/\\.cache/" "\\.swp$" "~$")
string(REGEX REPLACE "([][+.*?()^$|\\])" "\\\\\\1" _vigia_bin_re "${PROJECT_BINARY_DIR}/")
if(NOT PROJECT_BINARY_DIR STREQUAL PROJECT_SOURCE_DIR)
    list(APPEND CPACK_SOURCE_IGNORE_FILES "^${_vigia_bin_re}")
endif()

if(TARGET vigia)
    set(CPACK_PACKAGE_EXECUTABLES "vigia" "Vigia")
endif()

# --- Linux: .deb and .tar.gz -----------------------------------------------------------------

set(CPACK_GENERATOR "DEB;TGZ")

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Vigía team <team@vigia.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Library dependencies come from dpkg-shlibdeps; Qt plugins are loaded at run time, so
# dpkg-shlibdeps cannot see them and they are listed here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(_vigia_deb_depends "libqt6sql6-sqlite")
set(_vigia_deb_recommends "libqt6sql6-psql")
if(TARGET vigia)
    # SVG icons need the Qt SVG icon engine; the console needs a platform plugin (xcb/wayland).
    list(APPEND _vigia_deb_depends "libqt6svg6" "qt6-qpa-plugins")
    list(APPEND _vigia_deb_recommends "qt6-translations-l10n")
endif()
list(JOIN _vigia_deb_depends ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
list(JOIN _vigia_deb_recommends ", " CPACK_DEBIAN_PACKAGE_RECOMMENDS)

# --- Windows: NSIS (and WiX on request: cpack -G WIX) -----------------------------------------

if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
    set(CPACK_NSIS_PACKAGE_NAME "Vigia")
    set(CPACK_NSIS_DISPLAY_NAME "Vigia ${PROJECT_VERSION}")
    set(CPACK_NSIS_CONTACT "team@vigia.invalid")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\vigia.exe")
    file(READ "${_vigia_pkg_dir}/windows/nsis-extra-install.nsh" CPACK_NSIS_EXTRA_INSTALL_COMMANDS)
    set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS
        "Delete \"$DESKTOP\\Vigia.lnk\"
DeleteRegKey HKLM \"Software\\Microsoft\\Windows\\CurrentVersion\\App Paths\\vigia.exe\"")

    # Fixed for the life of the product: lets a new .msi replace an older one.
    set(CPACK_WIX_UPGRADE_GUID "DD10DAE7-0FBE-4D57-8135-470013091039")
    set(CPACK_WIX_PROGRAM_MENU_FOLDER "Vigia")

    if(EXISTS "${_vigia_pkg_dir}/windows/vigia.ico")
        set(CPACK_NSIS_MUI_ICON "${_vigia_pkg_dir}/windows/vigia.ico")
        set(CPACK_NSIS_MUI_UNIICON "${_vigia_pkg_dir}/windows/vigia.ico")
        set(CPACK_WIX_PRODUCT_ICON "${_vigia_pkg_dir}/windows/vigia.ico")
    endif()
endif()

# --- macOS: app bundle metadata and a .dmg -----------------------------------------------------

if(APPLE)
    set(CPACK_GENERATOR "DragNDrop;TGZ")
    set(CPACK_DMG_VOLUME_NAME "Vigia ${PROJECT_VERSION}")
    set(VIGIA_MACOS_INFO_PLIST "${_vigia_pkg_dir}/macos/Info.plist.in")
    # Only takes effect when app/ builds vigia as a bundle (MACOSX_BUNDLE); the icon is
    # used when packaging/macos/vigia.icns exists and is added to the bundle's Resources.
    if(TARGET vigia)
        set_target_properties(vigia PROPERTIES
            MACOSX_BUNDLE_INFO_PLIST "${VIGIA_MACOS_INFO_PLIST}"
            MACOSX_BUNDLE_BUNDLE_NAME "Vigía"
            MACOSX_BUNDLE_GUI_IDENTIFIER "io.github.vigia.Vigia"
            MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
            MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
            MACOSX_BUNDLE_ICON_FILE "vigia.icns"
            MACOSX_BUNDLE_COPYRIGHT "Vigía team")
    endif()
endif()

include(CPack)
