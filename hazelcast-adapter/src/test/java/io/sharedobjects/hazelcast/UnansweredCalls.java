package io.sharedobjects.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.map.IMap;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A call that reached the cluster and got no answer, on demand: the context of a real {@link
 * HazelcastSharedObjects} whose instance serves one internal map through a proxy, on which the chosen
 * methods throw {@link IndeterminateOperationStateException} (what Hazelcast throws when an answer or a
 * backup's confirmation is lost), after running ({@code applied}) or without. Every other call goes through.
 */
final class UnansweredCalls {

  /** Method name to whether it is applied before it fails. */
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
  private final ObjectContext context;
  private volatile boolean background;

  UnansweredCalls(HazelcastSharedObjects real, String mapName) {
    ObjectContext base = real.context();
    HazelcastInstance instance = proxy(HazelcastInstance.class, base.instance(), (method, args, result) -> {
      if (method.getName().equals("getMap") && mapName.equals(args[0])) {
        return proxy(IMap.class, result, this::unanswered);
      }
      return result;
    });
    this.context = new ObjectContext(instance, base.client(), base.settings(), base.open(), base.calls(),
        base.storedForm(), base.paging(), base.quorum());
  }

  /** The context to build the objects under test on. */
  ObjectContext context() {
    return context;
  }

  /** From now on, {@code method} of the map goes unanswered, after running if {@code applied}. */
  void fail(String method, boolean applied) {
    failing.put(method, applied);
  }

  /** Every call is answered again (but those of the background settlements, if so set). */
  void answerAll() {
    failing.clear();
  }

  /**
   * Whether every call of the map from the thread of {@link LateReleases} goes unanswered, not applied: so
   * that a test sees what an acquisition attempt or a close settles, not the background.
   */
  void backgroundUnanswered(boolean unanswered) {
    background = unanswered;
  }

  private Object unanswered(Method method, Object[] args, Object target) throws Throwable {
    Boolean applied = background && Thread.currentThread().getName().equals(LateReleases.THREAD)
        ? Boolean.FALSE : failing.get(method.getName());
    if (applied == null) {
      return invoke(method, target, args);
    }
    if (applied) {
      invoke(method, target, args);
    }
    throw new IndeterminateOperationStateException("no answer to " + method.getName() + " (a test's)");
  }

  private interface Call {
    Object apply(Method method, Object[] args, Object resultOrTarget) throws Throwable;
  }

  /** {@code target} behind interface {@code type}; {@code after} gets each call's result (for the instance). */
  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Object target, Call after) {
    boolean isMap = type == IMap.class;
    return (T) Proxy.newProxyInstance(UnansweredCalls.class.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> isMap ? after.apply(method, args, target)
            : after.apply(method, args, invoke(method, target, args)));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
