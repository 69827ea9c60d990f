package io.sharedobjects.spring.app;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedObjects;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

/** A small Spring Boot application for {@code SharedObjectsApplicationTest}: one service, configured by Boot. */
@SpringBootApplication
public class VisitCounterApplication {

  /** Counts page visits across every process of the cluster. */
  @Service
  public static class VisitCounter {
    private final SharedDict<String, Integer> visits;

    public VisitCounter(SharedObjects shared) {
      this.visits = shared.dict("visits");
    }

    public int visit(String page) {
      return visits.merge(page, 1, Integer::sum);
    }
  }
}
