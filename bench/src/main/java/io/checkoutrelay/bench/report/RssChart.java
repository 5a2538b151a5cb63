package io.checkoutrelay.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import io.checkoutrelay.bench.system.ProcSample;

/** RSS over time of each process of an {@code --rss-run}, with the 300 MiB target: a line per process. */
public final class RssChart {

    static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(127, 127, 127), new Color(23, 190, 207)};
    static final Color TARGET = new Color(214, 39, 40);
    static final double TARGET_MIB = 300;

    private RssChart() {
    }

    public static void write(String title, Map<String, List<ProcSample>> samples, long startEpochMillis,
                             double minutes, Path file) {
        int width = 1100;
        int height = 520;
        int left = 70;
        int right = width - 230;
        int top = 50;
        int bottom = height - 50;
        double maxMiB = TARGET_MIB;
        for (List<ProcSample> list : samples.values()) {
            for (ProcSample s : list) {
                maxMiB = Math.max(maxMiB, s.rssKiB() / 1024.0);
            }
        }
        maxMiB = Math.ceil(maxMiB * 1.1 / 100) * 100;
        double maxMinutes = Math.max(minutes, 1);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 5; i++) {
            double v = maxMiB * i / 5;
            int y = bottom - (int) ((bottom - top) * i / 5.0);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format("%.0f", v);
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        int ticks = (int) Math.min(10, Math.ceil(maxMinutes));
        for (int i = 0; i <= ticks; i++) {
            double m = maxMinutes * i / ticks;
            int x = left + (int) ((right - left) * m / maxMinutes);
            g.drawString(String.format("%.0f", m), x - 4, bottom + 16);
        }
        g.drawString("MiB (VmRSS)", 10, top - 10);
        g.drawString("minutes of steady load", (left + right) / 2 - 50, bottom + 34);
        g.setColor(Color.BLACK);
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        int targetY = bottom - (int) Math.round((bottom - top) * TARGET_MIB / maxMiB);
        g.setColor(TARGET);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
        g.drawLine(left, targetY, right, targetY);
        g.setStroke(new BasicStroke(1.6f));
        g.drawString("target 300 MiB (services)", right - 150, targetY - 4);
        int c = 0;
        int legendY = top + 10;
        for (Map.Entry<String, List<ProcSample>> entry : samples.entrySet()) {
            Color color = COLORS[c++ % COLORS.length];
            g.setColor(color);
            int px = -1;
            int py = -1;
            for (ProcSample s : entry.getValue()) {
                double m = (s.epochMillis() - startEpochMillis) / 60_000.0;
                if (m < 0 || m > maxMinutes) {
                    continue;
                }
                int x = left + (int) ((right - left) * m / maxMinutes);
                int y = bottom - (int) Math.round((bottom - top) * (s.rssKiB() / 1024.0) / maxMiB);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.fillRect(right + 15, legendY - 9, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), right + 30, legendY);
            legendY += 18;
        }
        g.dispose();
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
