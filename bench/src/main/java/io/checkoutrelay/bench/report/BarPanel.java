package io.checkoutrelay.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.List;
import java.util.Locale;

/** A grouped bar chart with reference lines, drawn with Java2D into a given rectangle. */
record BarPanel(String title, String unit, List<String> categories, List<Series> series, List<ReferenceLine> lines) {

    record Series(String name, Color color, double[] values) {
    }

    record ReferenceLine(String label, double value, Color color) {
    }

    void draw(Graphics2D g, int x, int y, int width, int height) {
        int left = x + 60;
        int right = x + width - 10;
        int top = y + 70;
        int bottom = y + height - 60;
        double max = niceMax();
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, x + 10, y + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        legend(g, x + 10, y + 38);
        for (int i = 0; i <= 5; i++) {
            double value = max * i / 5;
            int ty = bottom - (int) ((bottom - top) * i / 5.0);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left, ty, right, ty);
            g.setColor(Color.DARK_GRAY);
            String label = number(value);
            g.drawString(label, left - 6 - g.getFontMetrics().stringWidth(label), ty + 4);
        }
        g.drawString(unit, left - 50, top - 10);
        int groups = Math.max(1, categories.size());
        double groupWidth = (right - left) / (double) groups;
        double barWidth = groupWidth * 0.8 / Math.max(1, series.size());
        FontMetrics metrics = g.getFontMetrics();
        for (int c = 0; c < categories.size(); c++) {
            double gx = left + c * groupWidth + groupWidth * 0.1;
            for (int s = 0; s < series.size(); s++) {
                double value = series.get(s).values()[c];
                if (Double.isNaN(value)) {
                    continue;
                }
                int h = (int) Math.round((bottom - top) * Math.min(value, max) / max);
                int bx = (int) Math.round(gx + s * barWidth);
                g.setColor(series.get(s).color());
                g.fillRect(bx, bottom - h, (int) Math.max(1, barWidth - 2), h);
                g.setColor(Color.BLACK);
                String label = number(value);
                if (metrics.stringWidth(label) <= barWidth + 6) {
                    g.drawString(label, bx + (int) (barWidth - 2 - metrics.stringWidth(label)) / 2, bottom - h - 3);
                }
            }
            g.setColor(Color.BLACK);
            String name = categories.get(c);
            g.drawString(name, (int) (left + c * groupWidth + (groupWidth - metrics.stringWidth(name)) / 2), bottom + 16);
        }
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        for (ReferenceLine line : lines) {
            if (line.value() <= 0 || line.value() > max) {
                continue;
            }
            int ly = bottom - (int) Math.round((bottom - top) * line.value() / max);
            g.setColor(line.color());
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
            g.drawLine(left, ly, right, ly);
            g.setStroke(new BasicStroke(1f));
            g.drawString(line.label(), right - metrics.stringWidth(line.label()) - 4, ly - 4);
        }
    }

    private void legend(Graphics2D g, int x, int y) {
        int cx = x;
        for (Series s : series) {
            g.setColor(s.color());
            g.fillRect(cx, y - 9, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), cx + 14, y);
            cx += 24 + g.getFontMetrics().stringWidth(s.name());
        }
    }

    double niceMax() {
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        for (ReferenceLine line : lines) {
            max = Math.max(max, line.value());
        }
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max * 1.1)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max * 1.1) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String number(double value) {
        return value >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
