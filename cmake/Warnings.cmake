# SPDX-License-Identifier: MIT
# One place for the warning set and the sanitizers, applied to every project target.
add_library(metropoli_options INTERFACE)
target_compile_options(metropoli_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
# In a unity batch every source is included from the batch's file, so gcc takes a test fixture in an anonymous
# namespace for a header's and warns of the test class deriving from it: not a problem of the code.
if(CMAKE_UNITY_BUILD)
    target_compile_options(metropoli_options INTERFACE -Wno-subobject-linkage)
endif()
if(METROPOLI_WARNINGS_AS_ERRORS)
    target_compile_options(metropoli_options INTERFACE -Werror)
endif()
if(METROPOLI_SANITIZE)
    # vptr is off: it needs the typeinfo of SOCI's internal classes, which Debian's libsoci does not export.
    target_compile_options(metropoli_options INTERFACE -fsanitize=address,undefined -fno-sanitize=vptr
        -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(metropoli_options INTERFACE -fsanitize=address,undefined -fno-sanitize=vptr)
    # The instrumentation misleads gcc's flow analysis: at -O1 it reports std::regex's and std::function's
    # members as maybe uninitialised. The dev tree keeps the warning as an error.
    target_compile_options(metropoli_options INTERFACE -Wno-maybe-uninitialized)
endif()
if(METROPOLI_TSAN)
    # -Wno-tsan: Asio uses std::atomic_thread_fence, which TSan does not model; gcc warns about each use.
    target_compile_options(metropoli_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer -Wno-tsan)
    target_link_options(metropoli_options INTERFACE -fsanitize=thread)
endif()
