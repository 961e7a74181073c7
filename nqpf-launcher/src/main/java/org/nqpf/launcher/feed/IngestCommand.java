package org.nqpf.launcher.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./nqpf ingest FILE [--gateway URL] [--format json|csv|sdmx] [--idempotency-key KEY]}: streams a file to
 * {@code POST /api/v1/imports} through the gateway, follows the import job on one terminal line (percent, rows/s,
 * rows, rejected), then prints the counts and the first rejections.
 * <p>
 * Exit code 0 when the job completed, rejected rows or not; 1 when it failed or the platform refused the file;
 * 2 on a usage error.
 */
public final class IngestCommand {

    public static final int COMPLETED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = "usage: nqpf ingest FILE [--gateway URL] [--format json|csv|sdmx] "
            + "[--idempotency-key KEY]";
    private static final int SHOWN_REJECTIONS = 10;
    private static final int BAR_WIDTH = 30;

    /** What the command line asked for. */
    record Options(Path file, String gateway, FileFormat format, String idempotencyKey) {

        static Options parse(List<String> args) throws IOException {
            Path file = null;
            String gateway = "http://localhost:8080";
            FileFormat format = null;
            String key = null;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--gateway" -> gateway = value(args, ++i, a);
                    case "--format" -> format = FileFormat.named(value(args, ++i, a));
                    case "--idempotency-key" -> key = value(args, ++i, a);
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        if (file != null) {
                            throw new IllegalArgumentException("one file at a time (got " + file + " and " + a + ")");
                        }
                        file = Path.of(a);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("name the file to ingest");
            }
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("no readable file " + file.toAbsolutePath());
            }
            if (format == null) {
                format = FileFormat.detect(file);
            }
            return new Options(file, gateway.replaceAll("/+$", ""), format, key);
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }
    }

    /** NQPF_TOKEN, or a token of NQPF_CLIENT (default demo-steward: it submits under the file's own sources). */
    private final java.util.function.Supplier<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Duration pollInterval;

    public IngestCommand(PrintStream out, PrintStream err, boolean terminal, Duration pollInterval) {
        this(out, err, terminal, pollInterval, org.nqpf.launcher.ClientCredentials.fromEnvironment("demo-steward"));
    }

    public IngestCommand(PrintStream out, PrintStream err, boolean terminal, Duration pollInterval,
            java.util.function.Supplier<String> token) {
        this.token = token;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.pollInterval = pollInterval;
    }

    /** {@code nqpf ingest ...} on the console: a redrawn progress line only when stdout is a terminal. */
    public static int main(List<String> args) {
        return new IngestCommand(System.out, System.err, System.console() != null, Duration.ofMillis(500)).run(args);
    }

    public int run(List<String> args) {
        Options options;
        try {
            options = Options.parse(args);
        }
        catch (IllegalArgumentException | IOException e) {
            err.println("nqpf ingest: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            return ingest(options);
        }
        catch (ConnectException | HttpConnectTimeoutException e) {
            err.println("nqpf ingest: cannot reach the gateway at " + options.gateway()
                    + " (is the platform running? ./nqpf up)");
            return FAILED;
        }
        catch (IOException e) {
            err.println("nqpf ingest: " + e);
            return FAILED;
        }
        catch (IllegalStateException e) {
            // no token: the identity provider is not answering or refused the client
            err.println("nqpf ingest: " + e.getMessage());
            return FAILED;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("nqpf ingest: interrupted; the import goes on on the server");
            return FAILED;
        }
    }

    private int ingest(Options o) throws IOException, InterruptedException {
        long size = Files.size(o.file());
        out.printf(Locale.ROOT, "nqpf ingest: sending %s (%s, %s) to %s%n", o.file().getFileName(),
                o.format().name().toLowerCase(Locale.ROOT), bytes(size), o.gateway());
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(o.gateway() + "/api/v1/imports"))
                .header("Content-Type", o.format().contentType())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token.get())
                // Streamed from disk in small pieces: the feeder never holds the file either.
                .POST(HttpRequest.BodyPublishers.ofFile(o.file()));
        if (o.idempotencyKey() != null) {
            post.header("Idempotency-Key", o.idempotencyKey());
        }
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202 && answer.statusCode() != 200) {
            err.println("nqpf ingest: the platform refused the file: " + describeProblem(answer));
            return FAILED;
        }
        JsonNode job = json.readTree(answer.body());
        String location = answer.headers().firstValue("Location")
                .orElse("/api/v1/imports/" + job.path("id").asText());
        URI jobUri = URI.create(o.gateway()).resolve(location);
        out.printf(Locale.ROOT, "import %s accepted after %.1f s upload; following %s%n", job.path("id").asText(),
                seconds(started), jobUri);

        started = System.nanoTime(); // rows/s from here: the upload only spooled the file
        long lastPrinted = 0;
        while (!finished(job)) {
            Thread.sleep(pollInterval.toMillis());
            job = get(jobUri);
            if (terminal) {
                out.print("\r" + progressLine(job, seconds(started)) + "   ");
                out.flush();
            }
            else if (System.nanoTime() - lastPrinted > 5_000_000_000L) {
                out.println(progressLine(job, seconds(started)));
                lastPrinted = System.nanoTime();
            }
        }
        if (terminal) {
            out.print("\r" + progressLine(job, seconds(started)) + "   ");
            out.println();
        }
        return report(job, jobUri, seconds(started));
    }

    private static boolean finished(JsonNode job) {
        String status = job.path("status").asText();
        return status.equals("COMPLETED") || status.equals("FAILED");
    }

    /** {@code [##########..........]  45.2%  12,345 rows/s  450,000 rows  3 rejected} */
    static String progressLine(JsonNode job, double elapsedSeconds) {
        double percent = job.path("percentComplete").asDouble();
        int filled = (int) Math.round(Math.max(0, Math.min(100, percent)) / 100 * BAR_WIDTH);
        long rows = job.path("rowsDone").asLong();
        double rate = elapsedSeconds > 0 ? rows / elapsedSeconds : 0;
        return String.format(Locale.ROOT, "[%s%s] %5.1f%%  %,9.0f rows/s  %,11d rows  %,d rejected  %s",
                "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), percent, rate, rows,
                job.path("rejected").asLong(), job.path("status").asText());
    }

    private int report(JsonNode job, URI jobUri, double elapsed) throws IOException, InterruptedException {
        String status = job.path("status").asText();
        out.printf(Locale.ROOT, "import %s %s in %.1f s: %,d rows, %,d accepted, %,d unchanged, %,d rejected%n",
                job.path("id").asText(), status, elapsed, job.path("rowsDone").asLong(),
                job.path("accepted").asLong(), job.path("unchanged").asLong(), job.path("rejected").asLong());
        if (job.path("rejected").asLong() > 0) {
            JsonNode page = get(URI.create(jobUri + "/rejections?offset=0&limit=" + SHOWN_REJECTIONS));
            out.println("first rejections:");
            for (JsonNode r : page.path("rejections")) {
                out.printf(Locale.ROOT, "  row %d, %s: %s%n", r.path("row").asLong(), r.path("field").asText(),
                        r.path("detail").asText());
            }
            long more = job.path("rejected").asLong() - page.path("rejections").size();
            if (more > 0) {
                out.printf(Locale.ROOT, "  ... and %,d more: %s/rejections?offset=%d&limit=100%n", more, jobUri,
                        page.path("rejections").size());
            }
        }
        if (status.equals("COMPLETED")) {
            return COMPLETED;
        }
        err.println("nqpf ingest: the import failed: " + job.path("failure").asText("(no reason given)"));
        return FAILED;
    }

    private JsonNode get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.get())
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + describeProblem(r));
        }
        return json.readTree(r.body());
    }

    /** "415 Unsupported Media Type: detail" from a problem+json answer, else the status and the start of the body. */
    private String describeProblem(HttpResponse<String> r) {
        try {
            JsonNode p = json.readTree(r.body());
            if (p.hasNonNull("detail")) {
                return r.statusCode() + " " + p.path("title").asText("") + ": " + p.path("detail").asText();
            }
        }
        catch (IOException e) {
            // not JSON: show it as it is
        }
        String body = r.body() == null ? "" : r.body();
        return r.statusCode() + " " + body.substring(0, Math.min(300, body.length()));
    }

    static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", n / (double) (1L << 20));
        }
        if (n >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KB", n / (double) (1L << 10));
        }
        return n + " bytes";
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

}
