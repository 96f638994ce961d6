# One INTERFACE target carries the warning level and Qt's strictness macros;
# every target in the project links it, so no directory can quietly opt out.
add_library(vigia_build_flags INTERFACE)
add_library(Vigia::BuildFlags ALIAS vigia_build_flags)

target_compile_definitions(vigia_build_flags INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    VIGIA_VERSION="${PROJECT_VERSION}")

# -Wshadow=local is GCC's spelling; clang (the fuzz build) has no such option.
target_compile_options(vigia_build_flags INTERFACE -Wall -Wextra -Wpedantic
    $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual)
if(VIGIA_WARNINGS_AS_ERRORS)
    target_compile_options(vigia_build_flags INTERFACE -Werror)
endif()

if(VIGIA_SANITIZE)
    target_compile_options(vigia_build_flags INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(vigia_build_flags INTERFACE -fsanitize=address,undefined)
endif()

# The fuzz build instruments every library for libFuzzer's coverage feedback
# and checks memory and undefined behaviour; fuzz/ links libFuzzer's main.
if(VIGIA_FUZZ)
    target_compile_options(vigia_build_flags INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(vigia_build_flags INTERFACE -fsanitize=address,undefined)
endif()
