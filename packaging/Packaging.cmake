# Install rules for the data files that ship with Vigía, and the CPack set-up.
# Included from the top-level CMakeLists.txt after every target exists:
#     include(packaging/Packaging.cmake OPTIONAL)
# The vigiad and vigia executables install themselves where they are defined, in
# the components vigiad and vigia; every file below belongs to one of the two.
#
# On Linux, cpack makes two .deb packages, one per component, and one .tar.gz of both:
#     vigiad_<version>_<arch>.deb  the service: binary, /etc/vigia/vigiad.ini (conffile),
#                                  the systemd unit, the vigia system user (postinst)
#     vigia_<version>_<arch>.deb   the console: binary, .desktop, AppStream metainfo, icons
#     vigia-<version>-Linux.tar.gz both, laid out as on the system (usr/, etc/, lib/)
# scripts/package-test.sh configures with CMAKE_INSTALL_PREFIX=/usr and Debian's build
# flags, runs cpack, checks the packages (lintian, appstreamcli, systemd-analyze) and
# installs them. Only these Linux packages are built and tested; the Windows and macOS
# settings further down are kept but have never been tried.

include(GNUInstallDirs)

set(_vigia_pkg_dir "${CMAKE_CURRENT_LIST_DIR}")
set(_vigia_gen_dir "${PROJECT_BINARY_DIR}/packaging")

# Debian wants man pages and changelogs compressed with gzip -9n (no name, no time stamp).
function(_vigia_gzip source output)
    string(REGEX REPLACE "\\.gz$" "" _plain "${output}")
    add_custom_command(OUTPUT "${output}"
        COMMAND "${CMAKE_COMMAND}" -E copy "${source}" "${_plain}"
        COMMAND gzip -9nf "${_plain}"
        DEPENDS "${source}" VERBATIM)
endfunction()

if(UNIX AND NOT APPLE)
    set(_vigia_gz_files)
    foreach(_page IN ITEMS vigiad.8 vigia.1)
        _vigia_gzip("${_vigia_pkg_dir}/man/${_page}" "${_vigia_gen_dir}/${_page}.gz")
        list(APPEND _vigia_gz_files "${_vigia_gen_dir}/${_page}.gz")
    endforeach()
    _vigia_gzip("${_vigia_pkg_dir}/deb/changelog" "${_vigia_gen_dir}/changelog.gz")
    list(APPEND _vigia_gz_files "${_vigia_gen_dir}/changelog.gz")
    add_custom_target(vigia_packaging_files ALL DEPENDS ${_vigia_gz_files})
endif()

# --- vigiad: config, unit, documentation --------------------------------------------------

if(UNIX AND NOT APPLE)
    # Absolute on purpose: a .deb puts these in /etc and /lib whatever its prefix (/usr).
    set(VIGIA_CONFIG_DIR "/etc/vigia" CACHE PATH "Where vigiad.ini is installed")
    set(VIGIA_SYSTEMD_UNIT_DIR "/lib/systemd/system" CACHE PATH "Where vigiad.service is installed")
    # The unit's ExecStart is /usr/bin/vigiad: it matches the .deb (installed under /usr).
    install(FILES "${_vigia_pkg_dir}/vigiad.service"
            DESTINATION "${VIGIA_SYSTEMD_UNIT_DIR}" COMPONENT vigiad)
    # The example is the default config (a conffile in the .deb: an edited one survives
    # upgrades; dpkg asks before replacing it).
    install(FILES "${_vigia_pkg_dir}/vigiad.ini.example" RENAME vigiad.ini
            DESTINATION "${VIGIA_CONFIG_DIR}" COMPONENT vigiad)
else()
    install(FILES "${_vigia_pkg_dir}/vigiad.ini.example"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/vigia" COMPONENT vigiad)
endif()
if(UNIX AND NOT APPLE)
    # Debian's places for a package's manual and its copyright and changelog.
    install(FILES "${_vigia_gen_dir}/vigiad.8.gz"
            DESTINATION "${CMAKE_INSTALL_MANDIR}/man8" COMPONENT vigiad)
    install(FILES "${_vigia_pkg_dir}/deb/copyright" "${_vigia_gen_dir}/changelog.gz"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/vigiad" COMPONENT vigiad)
endif()

# --- vigia: desktop entry, AppStream, icons, documentation ---------------------------------

# The console's translations (translations/*.ts) are compiled into the binary (qrc
# :/i18n, see app/CMakeLists.txt): there are no .qm files to install beside it.
if(TARGET vigia)
    install(FILES "${_vigia_pkg_dir}/vigia.desktop"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/applications" COMPONENT vigia)
    install(FILES "${_vigia_pkg_dir}/io.github.vigia.Vigia.metainfo.xml"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo" COMPONENT vigia)
    install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/vigia.svg"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps" COMPONENT vigia)
    if(UNIX AND NOT APPLE)
        # PNGs at the usual hicolor sizes, rendered from the one SVG at build time.
        find_program(VIGIA_RSVG_CONVERT rsvg-convert REQUIRED)
        set(_vigia_pngs)
        foreach(_size IN ITEMS 16 22 24 32 48 64 128 256)
            set(_png "${_vigia_gen_dir}/icons/${_size}x${_size}/vigia.png")
            add_custom_command(OUTPUT "${_png}"
                COMMAND "${CMAKE_COMMAND}" -E make_directory "${_vigia_gen_dir}/icons/${_size}x${_size}"
                COMMAND "${VIGIA_RSVG_CONVERT}" --width ${_size} --height ${_size}
                        --output "${_png}" "${PROJECT_SOURCE_DIR}/resources/icons/vigia.svg"
                DEPENDS "${PROJECT_SOURCE_DIR}/resources/icons/vigia.svg" VERBATIM)
            list(APPEND _vigia_pngs "${_png}")
            install(FILES "${_png}"
                    DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${_size}x${_size}/apps"
                    COMPONENT vigia)
        endforeach()
        add_custom_target(vigia_icons ALL DEPENDS ${_vigia_pngs})
        install(FILES "${_vigia_gen_dir}/vigia.1.gz"
                DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT vigia)
        install(FILES "${_vigia_pkg_dir}/deb/copyright" "${_vigia_gen_dir}/changelog.gz"
                DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/vigia" COMPONENT vigia)
    endif()
endif()

# --- CPack: common -------------------------------------------------------------------------

# Variables reach CPack exactly as written here (quotes, backslashes, the NSIS snippet).
set(CPACK_VERBATIM_VARIABLES ON)

set(CPACK_PACKAGE_NAME "vigia")
set(CPACK_PACKAGE_VENDOR "Vigía team")
set(CPACK_PACKAGE_CONTACT "Vigía team <team@vigia.invalid>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Keeps a chat bot's messages flowing")
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
# Per-generator settings that cannot be made here (packaging/CPackProjectConfig.cmake).
set(CPACK_PROJECT_CONFIG_FILE "${_vigia_pkg_dir}/CPackProjectConfig.cmake")

if(TARGET vigia)
    set(CPACK_PACKAGE_EXECUTABLES "vigia" "Vigia")
endif()

# --- Linux: two .deb packages and one .tar.gz ---------------------------------------------

if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR "DEB;TGZ")
    # Both packages lay out their files as on the system: /usr, /etc/vigia, /lib/systemd.
    set(CPACK_SET_DESTDIR ON)
    set(CPACK_INSTALL_PREFIX "/usr")
    set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
    # The .tar.gz holds both components, the same tree as the two .deb packages together.
    set(CPACK_ARCHIVE_COMPONENT_INSTALL OFF)
endif()

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SOURCE "vigia")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Vigía team <team@vigia.invalid>")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Library dependencies come from dpkg-shlibdeps; Qt plugins are loaded at run time, so
# dpkg-shlibdeps cannot see them and they are listed here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

# vigiad: SQLite through Qt's driver plugin; PostgreSQL's when [store] postgres is used.
# adduser makes the vigia system user in postinst.
set(CPACK_DEBIAN_VIGIAD_PACKAGE_NAME "vigiad")
set(CPACK_DEBIAN_VIGIAD_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite")
set(CPACK_DEBIAN_VIGIAD_PACKAGE_RECOMMENDS "libqt6sql6-psql")
set(CPACK_DEBIAN_VIGIAD_PACKAGE_SUGGESTS "vigia")
set(CPACK_DEBIAN_VIGIAD_DESCRIPTION [=[
notification outbox and status service for chat bots
vigiad runs next to a chat bot. It keeps a durable outbox of the bot's
notifications, delivers them through WhatsApp (WAHA), Discord webhooks and
Telegram with retries, diagnoses delivery failures, tracks the bot's
communication status and live user sessions, and serves all of it over a
REST API and a WebSocket live feed.

This package runs it as a systemd service under the vigia system user,
configured in /etc/vigia/vigiad.ini, with its store in /var/lib/vigia.]=])
set(CPACK_DEBIAN_VIGIAD_PACKAGE_CONTROL_EXTRA
    "${_vigia_pkg_dir}/deb/vigiad/postinst"
    "${_vigia_pkg_dir}/deb/vigiad/prerm"
    "${_vigia_pkg_dir}/deb/vigiad/postrm"
    "${_vigia_pkg_dir}/deb/vigiad/conffiles")

# vigia: SVG icons need the Qt SVG icon engine; the console needs a platform plugin
# (xcb/wayland); Qt's own strings in Spanish come from qt6-translations-l10n.
set(CPACK_DEBIAN_VIGIA_PACKAGE_NAME "vigia")
set(CPACK_DEBIAN_VIGIA_PACKAGE_DEPENDS "libqt6svg6, qt6-qpa-plugins")
set(CPACK_DEBIAN_VIGIA_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_VIGIA_PACKAGE_SUGGESTS "vigiad")
set(CPACK_DEBIAN_VIGIA_DESCRIPTION [=[
operator console for the vigiad chat bot service
vigia is the Qt desktop console for the operators of a chat bot served by
vigiad: a status banner in the bot's state colour, the failed and waiting
notifications with buttons to retry them or mark them resolved, incidents,
sessions, queue charts and the audit log. English and Spanish.

It connects to vigiad over HTTP(S) with an API token, on this machine or
another one.]=])

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
