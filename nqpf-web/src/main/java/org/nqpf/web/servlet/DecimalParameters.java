package org.nqpf.web.servlet;

import java.util.regex.Pattern;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;

/**
 * Numbers in query parameters and path variables in decimal notation only. Spring's own conversion also reads
 * {@code 0x10} and {@code #10} as 16 (and Java's {@code 1d}, {@code NaN}, {@code Infinity} as doubles): a
 * client writing those did not mean what the service would have answered.
 */
public final class DecimalParameters {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private DecimalParameters() {
    }

    public static void register(FormatterRegistry registry) {
        registry.addConverter(String.class, Integer.class, (Converter<String, Integer>) s -> s.isBlank() ? null
                : Integer.valueOf(integer(s)));
        registry.addConverter(String.class, Long.class, (Converter<String, Long>) s -> s.isBlank() ? null
                : Long.valueOf(integer(s)));
        registry.addConverter(String.class, Double.class, (Converter<String, Double>) s -> {
            if (s.isBlank()) {
                return null;
            }
            String t = s.trim();
            if (!DECIMAL.matcher(t).matches()) {
                throw new IllegalArgumentException("not a decimal number: " + s);
            }
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("not a finite number: " + s);
            }
            return d;
        });
    }

    private static String integer(String s) {
        String t = s.trim();
        if (!INTEGER.matcher(t).matches()) {
            throw new IllegalArgumentException("not a decimal integer: " + s);
        }
        return t;
    }
}
