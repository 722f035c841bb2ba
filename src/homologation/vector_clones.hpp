// SPDX-License-Identifier: MIT
// METROPOLI_VECTOR_CLONES: a kernel compiled twice and picked when the program loads, for AVX2 and for the
// baseline x86-64; nothing under the sanitizers (their runtime and ifuncs do not mix) or elsewhere.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(__SANITIZE_THREAD__)
#define METROPOLI_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define METROPOLI_VECTOR_CLONES
#endif
