package io.sharedobjects.hazelcast;

import com.hazelcast.config.ConfigPatternMatcher;
import io.sharedobjects.SharedNames;

/**
 * Matches dict names against the patterns of {@link HazelcastSharedObjectsBuilder#nearCache(String...)},
 * and is the pattern matcher of every configuration with near-cached dicts.
 *
 * <p>Why not Hazelcast's own matcher: a user's {@code "*"} would also match this library's internal maps
 * (the lock map holds fencing counters, which a near cache could serve stale, letting a token repeat); and
 * Hazelcast's matcher fails every lookup of a name that two patterns match equally well, which is harmless
 * here because every near cache this library configures is the same. So: internal names (they start with
 * {@code "__"}, which user names cannot) match no pattern, and ties go to the first pattern.
 */
final class DictNamePatterns implements ConfigPatternMatcher {

  static final DictNamePatterns MATCHER = new DictNamePatterns();

  private DictNamePatterns() {
  }

  /** Checks a pattern: a valid name in which at most one {@code *} stands for any characters. */
  static void validate(String pattern) {
    if (pattern == null) {
      throw new IllegalArgumentException("A near cache pattern must not be null");
    }
    int star = pattern.indexOf('*');
    if (star != pattern.lastIndexOf('*')) {
      throw new IllegalArgumentException("A near cache pattern may hold one '*', not more: '" + pattern + "'");
    }
    if (!pattern.equals("*")) {
      // Any name the star may stand for must be a valid name, so check the pattern with a letter in its place.
      SharedNames.validate(pattern.replace('*', 'x'));
    }
  }

  @Override
  public String matches(Iterable<String> patterns, String name) {
    if (name.startsWith("__")) {
      return null;
    }
    String best = null;
    int bestLength = -1;
    for (String pattern : patterns) {
      int star = pattern.indexOf('*');
      if (star < 0) {
        if (pattern.equals(name)) {
          return pattern;
        }
        continue;
      }
      String prefix = pattern.substring(0, star);
      String suffix = pattern.substring(star + 1);
      int fixed = prefix.length() + suffix.length();
      if (name.length() >= fixed && name.startsWith(prefix) && name.endsWith(suffix) && fixed > bestLength) {
        best = pattern;
        bestLength = fixed;
      }
    }
    return best;
  }
}
