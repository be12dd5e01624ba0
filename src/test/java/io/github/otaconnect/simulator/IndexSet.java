package io.github.otaconnect.simulator;

import java.util.Arrays;

/**
 * A growable bit set of task indexes with a count per block of 4096 bits, so that "the n-th member"
 * (what a page offset needs) costs a walk over block counts plus one block, not a walk over the whole set.
 */
final class IndexSet {

  private static final int WORDS_PER_BLOCK = 64;

  private long[] words;
  private int[] blockCounts;
  private int size;

  IndexSet(int capacityBits) {
    words = new long[Math.max(1, wordIndex(Math.max(capacityBits, 1) - 1) + 1)];
    blockCounts = new int[blocksFor(words.length)];
  }

  private IndexSet(long[] words, int[] blockCounts, int size) {
    this.words = words;
    this.blockCounts = blockCounts;
    this.size = size;
  }

  IndexSet copy() {
    return new IndexSet(words.clone(), blockCounts.clone(), size);
  }

  private static int wordIndex(int bit) {
    return bit >>> 6;
  }

  private static int blocksFor(int wordCount) {
    return (wordCount + WORDS_PER_BLOCK - 1) / WORDS_PER_BLOCK;
  }

  void ensureCapacity(int bits) {
    int needed = wordIndex(bits - 1) + 1;
    if (needed > words.length) {
      int grown = Math.max(needed, words.length + (words.length >> 1));
      words = Arrays.copyOf(words, grown);
      blockCounts = Arrays.copyOf(blockCounts, blocksFor(grown));
    }
  }

  int size() {
    return size;
  }

  boolean contains(int bit) {
    int w = wordIndex(bit);
    return w < words.length && (words[w] & (1L << bit)) != 0;
  }

  void add(int bit) {
    ensureCapacity(bit + 1);
    int w = wordIndex(bit);
    long mask = 1L << bit;
    if ((words[w] & mask) == 0) {
      words[w] |= mask;
      blockCounts[w / WORDS_PER_BLOCK]++;
      size++;
    }
  }

  void remove(int bit) {
    int w = wordIndex(bit);
    if (w >= words.length) {
      return;
    }
    long mask = 1L << bit;
    if ((words[w] & mask) != 0) {
      words[w] &= ~mask;
      blockCounts[w / WORDS_PER_BLOCK]--;
      size--;
    }
  }

  /** The smallest member at or after {@code from}, or -1. */
  int nextSetBit(int from) {
    if (from < 0) {
      from = 0;
    }
    int w = wordIndex(from);
    if (w >= words.length) {
      return -1;
    }
    long word = words[w] & (-1L << from);
    while (true) {
      if (word != 0) {
        return (w << 6) + Long.numberOfTrailingZeros(word);
      }
      w++;
      if (w >= words.length) {
        return -1;
      }
      if (w % WORDS_PER_BLOCK == 0) {
        // skip whole empty blocks: terminal-heavy jobs leave most active-status blocks empty
        while (w < words.length && blockCounts[w / WORDS_PER_BLOCK] == 0) {
          w += WORDS_PER_BLOCK;
        }
        if (w >= words.length) {
          return -1;
        }
      }
      word = words[w];
    }
  }

  /** The member with the given 0-based rank in ascending order, or -1 if there are not that many. */
  int select(int rank) {
    if (rank < 0 || rank >= size) {
      return -1;
    }
    int remaining = rank;
    int block = 0;
    while (blockCounts[block] <= remaining) {
      remaining -= blockCounts[block];
      block++;
    }
    int w = block * WORDS_PER_BLOCK;
    while (true) {
      int inWord = Long.bitCount(words[w]);
      if (inWord > remaining) {
        long word = words[w];
        for (int k = 0; k < remaining; k++) {
          word &= word - 1;
        }
        return (w << 6) + Long.numberOfTrailingZeros(word);
      }
      remaining -= inWord;
      w++;
    }
  }

  long footprintBytes() {
    return words.length * 8L + blockCounts.length * 4L;
  }
}
