package org.nqpf.indicator.ingest.format;

import java.io.InputStream;
import java.util.List;
import org.nqpf.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The input formats of observations, chosen by content type. */
public final class Formats {

    /** SDMX-CSV 2.0, as statistics offices publish it. */
    public static final MediaType SDMX_CSV = MediaType.parseMediaType("application/vnd.sdmx.data+csv;version=2.0.0");
    public static final MediaType CSV = MediaType.parseMediaType("text/csv");

    public static final List<MediaType> SUPPORTED = List.of(MediaType.APPLICATION_JSON, CSV, SDMX_CSV);

    private Formats() {
    }

    public static boolean supports(MediaType type) {
        return type != null && SUPPORTED.stream().anyMatch(s -> s.isCompatibleWith(type));
    }

    /**
     * Opens a streaming reader for the body.
     *
     * @throws UnsupportedFormatException for any other content type
     */
    public static RowReader open(MediaType type, InputStream in) {
        if (type == null) {
            throw new UnsupportedFormatException("no Content-Type: send " + SUPPORTED);
        }
        if (MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            return new JsonBatchReader(in);
        }
        if (SDMX_CSV.getType().equals(type.getType()) && SDMX_CSV.getSubtype().equals(type.getSubtype())) {
            String version = type.getParameter("version");
            if (version != null && !version.startsWith("2")) {
                throw new UnsupportedFormatException("SDMX-CSV version " + version + " is not supported: send 2.0.0");
            }
            return new CsvRowReader(in, CsvRowReader.Dialect.SDMX);
        }
        if (CSV.isCompatibleWith(type)) {
            return new CsvRowReader(in, CsvRowReader.Dialect.PLAIN);
        }
        throw new UnsupportedFormatException("unsupported Content-Type " + type + ": send one of " + SUPPORTED);
    }

    /** Answered as 415. */
    public static class UnsupportedFormatException extends ProblemException {
        public UnsupportedFormatException(String message) {
            super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, "Unsupported format", message);
            with("supported", SUPPORTED.stream().map(MediaType::toString).toList());
        }
    }
}
