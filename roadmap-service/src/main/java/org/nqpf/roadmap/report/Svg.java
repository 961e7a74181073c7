package org.nqpf.roadmap.report;

import java.util.Locale;

/** A small builder of inline SVG: every text and attribute value is escaped, numbers are written locale-free. */
final class Svg {

    private final StringBuilder out = new StringBuilder();

    Svg(String id, int width, int height, String title) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(esc(id)).append("\" class=\"chart ")
                .append(esc(id)).append("\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-title\" ")
                .append("width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">")
                .append("<title id=\"").append(esc(id)).append("-title\">").append(esc(title)).append("</title>");
    }

    Svg line(double x1, double y1, double x2, double y2, String cls) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" class=\"").append(esc(cls)).append("\"/>");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String cls, String tooltip) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                .append(n(Math.max(0, w))).append("\" height=\"").append(n(Math.max(0, h))).append("\" class=\"")
                .append(esc(cls)).append('"');
        return tooltip == null ? close("/>") : close("><title>" + esc(tooltip) + "</title></rect>");
    }

    Svg circle(double cx, double cy, double r, String cls, String tooltip) {
        out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" class=\"").append(esc(cls)).append('"');
        return tooltip == null ? close("/>") : close("><title>" + esc(tooltip) + "</title></circle>");
    }

    Svg polygon(double[][] points, String cls) {
        out.append("<polygon points=\"").append(points(points)).append("\" class=\"").append(esc(cls))
                .append("\"/>");
        return this;
    }

    Svg polyline(double[][] points, String cls) {
        out.append("<polyline points=\"").append(points(points)).append("\" class=\"").append(esc(cls))
                .append("\"/>");
        return this;
    }

    /** @param anchor start, middle or end */
    Svg text(double x, double y, String text, String cls, String anchor) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" class=\"").append(esc(cls))
                .append("\" text-anchor=\"").append(esc(anchor)).append("\">").append(esc(text)).append("</text>");
        return this;
    }

    String end() {
        return out + "</svg>";
    }

    private Svg close(String s) {
        out.append(s);
        return this;
    }

    private static String points(double[][] points) {
        StringBuilder s = new StringBuilder();
        for (double[] p : points) {
            if (!s.isEmpty()) {
                s.append(' ');
            }
            s.append(n(p[0])).append(',').append(n(p[1]));
        }
        return s.toString();
    }

    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Escapes for text and double-quoted attribute values alike (HTML, XML and SVG). */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
