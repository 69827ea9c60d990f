package io.sharedobjects.tck;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The user-defined classes that {@link SharedObjectsCompatibilityKit} stores: one of each kind the contract
 * says a backend must accept (a {@code Serializable} class, records, plain classes), a mutable one for the
 * copy rules, and two that no backend can store.
 *
 * <p>They are public so that every backend, whatever class loading or reflection it uses, can load and
 * instantiate them; each storable one has value-based {@code equals} and {@code hashCode} so a round trip
 * can be checked with {@code equals}. The package-private factories give the contracts one sample of
 * each. This class is stateless and cannot be instantiated.
 */
public final class SampleValues {

  private SampleValues() {}

  /** An enum, stored as a value and used as a field of the other samples. */
  public enum Colour {
    RED,
    GREEN,
    BLUE
  }

  /** A small record nested inside the other samples; not {@code Serializable}. */
  public record Money(BigDecimal amount, String currency) {}

  /**
   * A record that is not {@code Serializable} and carries a byte array, to check the size limit on values
   * stored field by field; its {@code equals} compares the array by identity, so compare its parts.
   */
  public record Blob(String name, byte[] data) {}

  /** A record used as a dict key; not {@code Serializable}. */
  public record OrderKey(String region, int number) {}

  /**
   * A record that is not {@code Serializable}, with fields of every kind a plain object may hold: primitives,
   * a string, a {@code BigDecimal}, a {@code LocalDate}, an enum, a list of strings and a nested record.
   */
  public record Order(
      long id,
      int quantity,
      double weight,
      boolean paid,
      String customer,
      BigDecimal total,
      LocalDate date,
      Colour colour,
      List<String> tags,
      Money price) {}

  /** A {@code Serializable} class with final fields and no no-arg constructor. */
  public static final class Point implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int x;
    private final int y;
    private final String label;

    public Point(int x, int y, String label) {
      this.x = x;
      this.y = y;
      this.label = label;
    }

    public int x() {
      return x;
    }

    public int y() {
      return y;
    }

    public String label() {
      return label;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Point p && x == p.x && y == p.y && Objects.equals(label, p.label);
    }

    @Override
    public int hashCode() {
      return Objects.hash(x, y, label);
    }

    @Override
    public String toString() {
      return "Point[" + x + ", " + y + ", " + label + "]";
    }
  }

  /**
   * A plain class that is not {@code Serializable}: private fields of the storable kinds, a public no-arg
   * constructor and setters, as a typical JavaBean.
   */
  public static final class PlainOrder {
    private long id;
    private int quantity;
    private boolean paid;
    private String customer;
    private BigDecimal total;
    private LocalDate date;
    private Colour colour;
    private List<String> tags;
    private Money price;

    public PlainOrder() {}

    public PlainOrder(
        long id,
        int quantity,
        boolean paid,
        String customer,
        BigDecimal total,
        LocalDate date,
        Colour colour,
        List<String> tags,
        Money price) {
      this.id = id;
      this.quantity = quantity;
      this.paid = paid;
      this.customer = customer;
      this.total = total;
      this.date = date;
      this.colour = colour;
      this.tags = tags;
      this.price = price;
    }

    public long getId() {
      return id;
    }

    public void setId(long id) {
      this.id = id;
    }

    public int getQuantity() {
      return quantity;
    }

    public void setQuantity(int quantity) {
      this.quantity = quantity;
    }

    public boolean isPaid() {
      return paid;
    }

    public void setPaid(boolean paid) {
      this.paid = paid;
    }

    public String getCustomer() {
      return customer;
    }

    public void setCustomer(String customer) {
      this.customer = customer;
    }

    public BigDecimal getTotal() {
      return total;
    }

    public void setTotal(BigDecimal total) {
      this.total = total;
    }

    public LocalDate getDate() {
      return date;
    }

    public void setDate(LocalDate date) {
      this.date = date;
    }

    public Colour getColour() {
      return colour;
    }

    public void setColour(Colour colour) {
      this.colour = colour;
    }

    public List<String> getTags() {
      return tags;
    }

    public void setTags(List<String> tags) {
      this.tags = tags;
    }

    public Money getPrice() {
      return price;
    }

    public void setPrice(Money price) {
      this.price = price;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PlainOrder p
          && id == p.id
          && quantity == p.quantity
          && paid == p.paid
          && Objects.equals(customer, p.customer)
          && Objects.equals(total, p.total)
          && Objects.equals(date, p.date)
          && colour == p.colour
          && Objects.equals(tags, p.tags)
          && Objects.equals(price, p.price);
    }

    @Override
    public int hashCode() {
      return Objects.hash(id, quantity, paid, customer, total, date, colour, tags, price);
    }

    @Override
    public String toString() {
      return "PlainOrder[id="
          + id
          + ", quantity="
          + quantity
          + ", paid="
          + paid
          + ", customer="
          + customer
          + ", total="
          + total
          + ", date="
          + date
          + ", colour="
          + colour
          + ", tags="
          + tags
          + ", price="
          + price
          + "]";
    }
  }

  /**
   * A mutable plain class that is not {@code Serializable}, used to show that values are copied on write
   * and on read.
   */
  public static final class Basket {
    private String owner;
    private List<String> items = new ArrayList<>();

    public Basket() {}

    public Basket(String owner, List<String> items) {
      this.owner = owner;
      this.items = new ArrayList<>(items);
    }

    public String getOwner() {
      return owner;
    }

    public void setOwner(String owner) {
      this.owner = owner;
    }

    public List<String> getItems() {
      return items;
    }

    public void setItems(List<String> items) {
      this.items = items;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Basket b && Objects.equals(owner, b.owner) && Objects.equals(items, b.items);
    }

    @Override
    public int hashCode() {
      return Objects.hash(owner, items);
    }

    @Override
    public String toString() {
      return "Basket[owner=" + owner + ", items=" + items + "]";
    }
  }

  /**
   * A plain class that no backend can store: its field is declared as {@code Object}, so a schema for it
   * cannot be derived, whatever the field holds at run time.
   */
  public static final class HoldsObject {
    private Object payload;

    public HoldsObject() {}

    public HoldsObject(Object payload) {
      this.payload = payload;
    }

    public Object getPayload() {
      return payload;
    }
  }

  /** A plain class that no backend can store: a {@code Thread} is neither serializable nor plain data. */
  /** A record with a component no backend can store: the message must name it and say what works. */
  public record JobWithThread(String name, Thread worker) {}

  /** A Serializable class with a field Java serialization cannot write. */
  public static final class SerializableJobWithThread implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final Thread worker;

    public SerializableJobWithThread(String name, Thread worker) {
      this.name = name;
      this.worker = worker;
    }

    public String name() {
      return name;
    }

    public Thread worker() {
      return worker;
    }
  }

  public static final class HoldsThread {
    private Thread thread;

    public HoldsThread() {}

    public HoldsThread(Thread thread) {
      this.thread = thread;
    }

    public Thread getThread() {
      return thread;
    }
  }

  /** One value of each common JDK type a backend must store, by a short description. */
  static Map<String, Object> jdkValueSamples() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("String", "héllo wörld");
    values.put("Integer", 42);
    values.put("Long", 1L << 40);
    values.put("Double", 0.25);
    values.put("Boolean", true);
    values.put("BigDecimal", new BigDecimal("12345.6789"));
    values.put("LocalDate", LocalDate.of(2024, 2, 29));
    values.put("UUID", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    values.put("enum", Colour.GREEN);
    values.put("JDK enum", TimeUnit.SECONDS);
    values.put("ArrayList", new ArrayList<>(List.of("a", "b")));
    values.put("HashMap", new HashMap<>(Map.of("a", 1, "b", 2)));
    values.put("HashSet", new HashSet<>(Set.of("x", "y")));
    return values;
  }

  /** A sample {@link Order}, every field set. */
  static Order sampleOrder() {
    return new Order(
        7L,
        3,
        1.5,
        true,
        "ann",
        new BigDecimal("99.95"),
        LocalDate.of(2024, 5, 1),
        Colour.BLUE,
        List.of("gift", "express"),
        new Money(new BigDecimal("33.32"), "EUR"));
  }

  /** A sample {@link PlainOrder}, every field set. */
  static PlainOrder samplePlainOrder() {
    return new PlainOrder(
        8L,
        2,
        false,
        "bob",
        new BigDecimal("10.00"),
        LocalDate.of(2023, 12, 31),
        Colour.RED,
        new ArrayList<>(List.of("a", "b")),
        new Money(new BigDecimal("5.00"), "USD"));
  }

  /** Values no backend can store: a bare {@code Object}, and classes holding one or a {@code Thread}. */
  static List<Object> unstorableSamples() {
    return List.of(new Object(), new HoldsObject("a storable string, in a field of type Object"), new HoldsThread(Thread.currentThread()));
  }
}
