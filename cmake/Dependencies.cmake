# SPDX-License-Identifier: MIT
# Every third-party dependency comes from a Debian package (see scripts/install-deps).
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_package(LibArchive REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS headers)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)

# SOCI 4.0 in Debian ships no CMake package: import its libraries by hand.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
foreach(part core sqlite3 postgresql)
    find_library(SOCI_${part}_LIBRARY NAMES soci_${part} REQUIRED)
    add_library(SOCI::${part} UNKNOWN IMPORTED)
    set_target_properties(SOCI::${part} PROPERTIES IMPORTED_LOCATION "${SOCI_${part}_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}")
endforeach()
target_link_libraries(SOCI::sqlite3 INTERFACE SOCI::core SQLite::SQLite3)
target_link_libraries(SOCI::postgresql INTERFACE SOCI::core PostgreSQL::PostgreSQL)

# libsodium (argon2id password hashes, SHA-256, Ed25519, random tokens) through pkg-config.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
