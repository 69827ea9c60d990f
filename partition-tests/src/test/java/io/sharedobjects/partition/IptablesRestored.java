package io.sharedobjects.partition;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * For tests that cut the network: before each, skips it where iptables cannot be used (fails it when
 * {@code CI=true}, see {@link IptablesPartition#assumeUsable()}), removes chains left by dead test JVMs and
 * takes a snapshot of the filter rules; after each, fails it unless the rules are exactly as in the
 * snapshot, whatever the test did.
 */
final class IptablesRestored implements BeforeEachCallback, AfterEachCallback {

  private static final Namespace NAMESPACE = Namespace.create(IptablesRestored.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    IptablesPartition.assumeUsable();
    IptablesPartition.removeLeftovers();
    context.getStore(NAMESPACE).put("rules", IptablesPartition.rules());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    String before = context.getStore(NAMESPACE).remove("rules", String.class);
    if (before == null) {
      return; // skipped before the snapshot: nothing was touched
    }
    String after = IptablesPartition.rules();
    if (!after.equals(before)) {
      throw new AssertionError("iptables rules differ from before the test.\n--- before ---\n" + before
          + "--- after ---\n" + after);
    }
  }
}
