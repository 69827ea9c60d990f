package io.sharedobjects.partition;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * For tests that cut the network: before the test class and before each test, skips it where iptables cannot
 * be used (fails it when {@code CI=true}, see {@link IptablesPartition#assumeUsable()}), removes chains left
 * by dead test JVMs and takes a snapshot of the filter rules; after each test and after the class (whose
 * {@code @BeforeAll} may cut the network for all its tests), fails it unless the rules are exactly as in the
 * snapshot, whatever the test did.
 */
final class IptablesRestored implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private static final Namespace NAMESPACE = Namespace.create(IptablesRestored.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    snapshot(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    snapshot(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    checkRestored(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    checkRestored(context);
  }

  private static void snapshot(ExtensionContext context) {
    IptablesPartition.assumeUsable();
    IptablesPartition.removeLeftovers();
    // Each context has a store of its own: the class's snapshot is not the test's.
    context.getStore(NAMESPACE).put("rules", IptablesPartition.rules());
  }

  private static void checkRestored(ExtensionContext context) {
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
