package dev.lorekeeper.chain;

/**
 * Estimated heap bytes of cache entries, so that caches are bounded by memory rather than by entry count: one token's
 * metadata may be a few hundred bytes or a megabyte, and a token URI read from a contract may be of any length.
 */
final class CacheWeights {
    /** Object headers, references and the cache's own node per entry: a rough estimate, on the high side. */
    private static final int ENTRY_OVERHEAD = 200;

    private static final int PER_OBJECT = 48;

    private CacheWeights() {}

    static int metadata(String uri, TokenMetadata m) {
        long bytes = ENTRY_OVERHEAD
                + chars(uri)
                + chars(m.name())
                + chars(m.description())
                + chars(m.image())
                + chars(m.imageUrl())
                + chars(m.error());
        for (TokenMetadata.Attribute a : m.attributes()) {
            bytes += PER_OBJECT + chars(a.traitType()) + chars(a.value());
        }
        for (String w : m.warnings()) {
            bytes += chars(w);
        }
        return clamp(bytes);
    }

    static int read(Read read, ReadResult result) {
        // chain and kind are shared; contract and holder are 42-character strings, the id and value small numbers
        return clamp(ENTRY_OVERHEAD
                + 2L * PER_OBJECT
                + chars(read.contract())
                + chars(read.holder())
                + 2L * PER_OBJECT
                + chars(result.text()));
    }

    /** A string's bytes, counting two a character: exact for UTF-16 strings, high for compact Latin-1 ones. */
    private static long chars(String s) {
        return s == null ? 0 : PER_OBJECT + 2L * s.length();
    }

    private static int clamp(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
