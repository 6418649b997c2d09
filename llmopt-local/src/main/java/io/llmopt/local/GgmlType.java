package io.llmopt.local;

/**
 * Storage sizes of ggml tensor types, so that a file's extent can be checked without native code.
 * Quantised types store blocks of {@code blockSize} values in {@code typeSize} bytes.
 */
final class GgmlType {

    // indexed by ggml_type id; {block size, bytes per block}; {0, 0} marks ids no longer in use
    private static final int[][] SIZES = {
        {1, 4}, {1, 2}, {32, 18}, {32, 20}, {0, 0}, {0, 0}, {32, 22}, {32, 24}, {32, 34}, {32, 36}, // F32 .. Q8_1
        {256, 84}, {256, 110}, {256, 144}, {256, 176}, {256, 210}, {256, 292},                     // Q2_K .. Q8_K
        {256, 66}, {256, 74}, {256, 98}, {256, 50}, {32, 18}, {256, 110}, {256, 82}, {256, 136},   // IQ2_XXS .. IQ4_XS
        {1, 1}, {1, 2}, {1, 4}, {1, 8}, {1, 8}, {256, 56}, {1, 2},                                 // I8 .. BF16
        {0, 0}, {0, 0}, {0, 0}, {256, 54}, {256, 66},                                              // TQ1_0, TQ2_0
    };

    private GgmlType() {
    }

    /** Bytes taken by {@code elements} values of type {@code type}, or -1 when the type is unknown. */
    static long bytes(int type, long elements) {
        if (type < 0 || type >= SIZES.length || SIZES[type][0] == 0) {
            return -1;
        }
        int block = SIZES[type][0];
        return (elements + block - 1) / block * SIZES[type][1];
    }
}
