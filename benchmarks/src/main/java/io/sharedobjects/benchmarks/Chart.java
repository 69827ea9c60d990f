package io.sharedobjects.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws {@code summary.csv} (written by {@code summarize.py}) as a PNG: operations per second for each
 * operation and backend, Python's Manager among them, on a logarithmic axis, one panel per thread count.
 *
 * <p>Usage: {@code Chart <summary.csv> <chart.png>}. Runs headless.
 */
public final class Chart {

  /** The series, in drawing order, with their colours; near-cache rows fall into embedded and client. */
  private static final Map<String, Color> SERIES = new LinkedHashMap<>();

  static {
    SERIES.put("in-memory", new Color(0x9E9E9E));
    SERIES.put("embedded", new Color(0x1565C0));
    SERIES.put("embedded-raw", new Color(0x90CAF9));
    SERIES.put("client", new Color(0xE65100));
    SERIES.put("client-raw", new Color(0xFFCC80));
    SERIES.put("python", new Color(0x2E7D32));
  }

  private static final int BAR = 9;
  private static final int GROUP_GAP = 12;
  private static final int LABEL_WIDTH = 170;
  private static final int PLOT_WIDTH = 520;
  private static final double MIN_DECADE = 1;
  private static final double MAX_DECADE = 8;

  private Chart() {
  }

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(csvFields(line));
    }
    // threads -> operation -> series -> ops/s
    Map<Integer, Map<String, Map<String, Double>>> data = new LinkedHashMap<>();
    for (String[] row : rows) {
      String backend = row[2].replace(" near cache", "");
      data.computeIfAbsent(Integer.valueOf(row[1]), t -> new LinkedHashMap<>())
          .computeIfAbsent(row[0], o -> new LinkedHashMap<>())
          .put(backend, Double.valueOf(row[3]));
    }
    int groups = data.values().stream().mapToInt(Map::size).max().orElse(0);
    int panelHeight = groups * (SERIES.size() * BAR + GROUP_GAP);
    int panelWidth = LABEL_WIDTH + PLOT_WIDTH + 30;
    int top = 90;
    int width = Math.max(panelWidth * data.size() + 20, 900);
    int height = top + panelHeight + 60;

    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString("shared-objects vs raw Hazelcast vs Python's Manager: operations per second (log scale)", 15, 24);

    // Legend.
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int x = 15;
    for (Map.Entry<String, Color> series : SERIES.entrySet()) {
      g.setColor(series.getValue());
      g.fillRect(x, 36, 14, 12);
      g.setColor(Color.BLACK);
      String name = series.getKey().equals("python") ? "Python Manager" : series.getKey().replace("-raw", " raw");
      g.drawString(name, x + 18, 47);
      x += 30 + g.getFontMetrics().stringWidth(name);
    }
    g.drawString("In the \"dict get, near cache\" rows, embedded and client bars are near-cached reads;"
        + " Python's bar is its plain get.", 15, 66);

    int panelX = 10;
    for (Map.Entry<Integer, Map<String, Map<String, Double>>> panel : data.entrySet()) {
      drawPanel(g, panelX, top, panelHeight, panel.getKey(), panel.getValue());
      panelX += panelWidth;
    }
    g.dispose();
    ImageIO.write(image, "png", Path.of(args[1]).toFile());
  }

  private static void drawPanel(Graphics2D g, int left, int top, int height, int threads,
      Map<String, Map<String, Double>> operations) {
    int plotLeft = left + LABEL_WIDTH;
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.setColor(Color.BLACK);
    g.drawString(threads + (threads == 1 ? " thread / process" : " threads / processes"), plotLeft, top - 4);
    // Decade grid lines and labels.
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (double decade = MIN_DECADE; decade <= MAX_DECADE; decade++) {
      int gx = plotLeft + scale(Math.pow(10, decade));
      g.setColor(new Color(0xE0E0E0));
      g.drawLine(gx, top, gx, top + height);
      g.setColor(Color.DARK_GRAY);
      String label = label(Math.pow(10, decade));
      g.drawString(label, gx - g.getFontMetrics().stringWidth(label) / 2, top + height + 14);
    }
    g.drawString("ops/s", plotLeft + PLOT_WIDTH / 2 - 12, top + height + 30);
    int y = top;
    for (Map.Entry<String, Map<String, Double>> operation : operations.entrySet()) {
      int groupHeight = SERIES.size() * BAR;
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      String name = operation.getKey();
      g.drawString(name, plotLeft - 8 - g.getFontMetrics().stringWidth(name), y + groupHeight / 2 + 4);
      int barY = y;
      for (Map.Entry<String, Color> series : SERIES.entrySet()) {
        Double value = operation.getValue().get(series.getKey());
        if (value != null && value > 0) {
          g.setColor(series.getValue());
          g.fillRect(plotLeft, barY + 1, Math.max(1, scale(value)), BAR - 2);
        }
        barY += BAR;
      }
      g.setColor(new Color(0xBDBDBD));
      g.setStroke(new BasicStroke(1f));
      g.drawLine(plotLeft - 4, y + groupHeight + GROUP_GAP / 2, plotLeft + PLOT_WIDTH, y + groupHeight + GROUP_GAP / 2);
      y += groupHeight + GROUP_GAP;
    }
    g.setColor(Color.BLACK);
    g.drawLine(plotLeft, top, plotLeft, top + height);
  }

  /** The fields of one CSV line as Python's csv module writes them: quoted when they hold a comma. */
  static String[] csvFields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields.toArray(String[]::new);
  }

  /** Pixels from the axis for a value on the logarithmic scale. */
  private static int scale(double value) {
    double decade = Math.log10(Math.max(value, Math.pow(10, MIN_DECADE)));
    return (int) Math.round((decade - MIN_DECADE) / (MAX_DECADE - MIN_DECADE) * PLOT_WIDTH);
  }

  private static String label(double value) {
    if (value >= 1e6) {
      return (long) (value / 1e6) + "M";
    }
    if (value >= 1e3) {
      return (long) (value / 1e3) + "k";
    }
    return Long.toString((long) value);
  }
}
