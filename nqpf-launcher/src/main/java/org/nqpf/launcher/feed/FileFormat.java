package org.nqpf.launcher.feed;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats an import takes, each with the Content-Type that selects it on {@code POST /api/v1/imports}. */
public enum FileFormat {
    JSON("application/json"),
    CSV("text/csv"),
    SDMX("application/vnd.sdmx.data+csv; version=2.0.0");

    private final String contentType;

    FileFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** {@code json}, {@code csv} or {@code sdmx}, as given to {@code --format}. */
    public static FileFormat named(String name) {
        for (FileFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; use json, csv or sdmx");
    }

    /**
     * The format of a file from its name ({@code .json}, {@code .sdmx.csv}, {@code .csv}) and, for CSV, its header:
     * SDMX-CSV 2.0 files start with the {@code STRUCTURE} column whatever their name.
     */
    public static FileFormat detect(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".sdmx.csv")) {
            return SDMX;
        }
        String first = firstLine(file);
        if (first.startsWith("STRUCTURE")) {
            return SDMX;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (first.startsWith("{")) {
            return JSON;
        }
        if (first.toLowerCase(Locale.ROOT).startsWith("entity,")) {
            return CSV;
        }
        throw new IllegalArgumentException("cannot tell the format of " + file.getFileName()
                + " from its name or first line; give --format json|csv|sdmx");
    }

    private static String firstLine(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] head = new char[256];
            int n = in.read(head);
            if (n <= 0) {
                return "";
            }
            String s = new String(head, 0, n);
            if (s.startsWith("\uFEFF")) { // a UTF-8 byte-order mark, as spreadsheet exports write
                s = s.substring(1);
            }
            return s.strip();
        }
    }
}
