package io.sharedobjects;

import java.util.List;

/**
 * A call that needs a majority of the declared cluster was refused because this process sees fewer
 * members than that (a network partition, or members down); nothing was granted or changed. Retry once the
 * partition heals: the same {@link SharedObjects} keeps working when the members see one another again.
 */
public class NoQuorumException extends ClusterUnavailableException {
  private static final long serialVersionUID = 1L;

  private final List<String> membersSeen;
  private final int required;

  public NoQuorumException(String what, List<String> membersSeen, int required, int clusterSize, Throwable cause) {
    super(what + " needs a majority of the cluster (" + required + " of " + clusterSize + " members), but this"
        + " process sees " + membersSeen.size() + " " + membersSeen + ". Nothing was granted; retry when the"
        + " partition heals or the missing members are back.", cause);
    this.membersSeen = List.copyOf(membersSeen);
    this.required = required;
  }

  /** The members this process saw when the call was refused, as {@code host:port}. */
  public List<String> membersSeen() {
    return membersSeen;
  }

  /** How many members the call needed to see. */
  public int required() {
    return required;
  }
}
