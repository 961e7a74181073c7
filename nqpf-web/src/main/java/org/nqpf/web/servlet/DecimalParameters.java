package org.nqpf.web.servlet;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Numbers in query parameters and path variables in decimal notation only. Spring's own conversion also reads
 * {@code 0x10} and {@code #10} as 16 (and Java's {@code 1d}, {@code NaN}, {@code Infinity} as doubles): a
 * client writing those did not mean what the service would have answered.
 * <p>
 * Both ways Spring converts are covered: a binder asks its property editors first and, when its conversion service
 * refuses a value, falls back to its default editors, which decode {@code 0x10} again. So the rules are also the
 * binder's own editors ({@link Binding}, in every servlet service), and a refusal there is final.
 */
public final class DecimalParameters {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private DecimalParameters() {
    }

    /** A number not in decimal notation; {@link ProblemAdvice} answers it with this message. */
    public static final class NotDecimalException extends IllegalArgumentException {
        NotDecimalException(String message) {
            super(message);
        }
    }

    /** The rules in the app's conversion service. */
    public static void register(FormatterRegistry registry) {
        registry.addConverter(String.class, Integer.class, (Converter<String, Integer>) s -> s.isBlank() ? null
                : integer(s, Integer::valueOf));
        registry.addConverter(String.class, Long.class, (Converter<String, Long>) s -> s.isBlank() ? null
                : integer(s, Long::valueOf));
        registry.addConverter(String.class, Double.class, (Converter<String, Double>) s -> s.isBlank() ? null
                : decimal(s));
    }

    /** The rules as a binder's editors, which come before its conversion service and its default editors. */
    public static void register(PropertyEditorRegistry binder) {
        binder.registerCustomEditor(int.class, new Editor(false, s -> integer(s, Integer::valueOf)));
        binder.registerCustomEditor(Integer.class, new Editor(true, s -> integer(s, Integer::valueOf)));
        binder.registerCustomEditor(long.class, new Editor(false, s -> integer(s, Long::valueOf)));
        binder.registerCustomEditor(Long.class, new Editor(true, s -> integer(s, Long::valueOf)));
        binder.registerCustomEditor(double.class, new Editor(false, DecimalParameters::decimal));
        binder.registerCustomEditor(Double.class, new Editor(true, DecimalParameters::decimal));
    }

    /** Puts the editors in every binder of the app's controllers. */
    @ControllerAdvice
    public static class Binding {

        @InitBinder
        public void decimalNumbers(WebDataBinder binder) {
            register(binder);
        }
    }

    private static <N extends Number> N integer(String s, Function<String, N> parse) {
        String t = s.trim();
        if (!INTEGER.matcher(t).matches()) {
            throw new NotDecimalException("'" + s + "' is not a decimal integer");
        }
        try {
            return parse.apply(t);
        }
        catch (NumberFormatException e) {
            throw new NotDecimalException("'" + s + "' is out of this number's range");
        }
    }

    private static Double decimal(String s) {
        String t = s.trim();
        if (!DECIMAL.matcher(t).matches()) {
            throw new NotDecimalException("'" + s + "' is not a decimal number");
        }
        double d = Double.parseDouble(t);
        if (!Double.isFinite(d)) {
            throw new NotDecimalException("'" + s + "' is not a finite number");
        }
        return d;
    }

    /** An empty value is no number: null for a wrapper (the parameter is absent), refused for a primitive. */
    private static final class Editor extends PropertyEditorSupport {

        private final boolean allowEmpty;
        private final Function<String, ? extends Number> parse;

        Editor(boolean allowEmpty, Function<String, ? extends Number> parse) {
            this.allowEmpty = allowEmpty;
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            if (text == null || text.isBlank()) {
                if (!allowEmpty) {
                    throw new NotDecimalException("an empty value is no number");
                }
                setValue(null);
                return;
            }
            setValue(parse.apply(text));
        }

        @Override
        public String getAsText() {
            Object value = getValue();
            return value == null ? "" : value.toString();
        }
    }
}
