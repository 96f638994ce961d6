# Extra NSIS install commands for the Vigia console installer. Packaging.cmake reads
# this file into CPACK_NSIS_EXTRA_INSTALL_COMMANDS; the matching uninstall lines are
# CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS there. The Start menu entry comes from
# CPACK_PACKAGE_EXECUTABLES. ASCII only: the CPack template may not enable Unicode.

# Desktop shortcut to the console.
CreateShortCut "$DESKTOP\Vigia.lnk" "$INSTDIR\bin\vigia.exe"

# Let Windows find the console by name (Win+R "vigia").
WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\App Paths\vigia.exe" "" "$INSTDIR\bin\vigia.exe"
