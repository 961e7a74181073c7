package org.nqpf.indicator.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nqpf.indicator.entity.TenantScope;
import org.nqpf.indicator.ingest.Channel;
import org.nqpf.indicator.ingest.IngestResult;
import org.nqpf.indicator.ingest.Ingestion;
import org.nqpf.indicator.ingest.ObservationRow;
import org.nqpf.indicator.ingest.Rejection;
import org.nqpf.indicator.ingest.Submitter;
import org.nqpf.indicator.ingest.format.Formats;
import org.nqpf.indicator.ingest.format.RowReader;
import org.nqpf.indicator.ingest.format.UnreadableInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.nqpf.security.Caller;
import org.nqpf.web.InvalidInputException;
import org.nqpf.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Import jobs: a file is spooled to disk as it arrives (never held in memory), then read and ingested in the
 * background in chunks of {@code nqpf.imports.chunk-rows}, each chunk one transaction together with the job's
 * progress, by a fixed number of workers. Memory stays flat whatever the file's size: one chunk per worker.
 * <p>
 * A job cut short by a stop of the service goes on when the service starts again: its spooled file is still on disk
 * and its progress counts only committed chunks, so the rows already done are skipped and the rest are ingested, none
 * twice. Only a job whose file is gone is marked FAILED, naming how far it got.
 * <p>
 * Each process claims the jobs it queues and renews the claim every {@code nqpf.imports.heartbeat}; a process takes
 * over a job of its node (host and spool directory) only once the owner has been silent for
 * {@code nqpf.imports.lease}, so instances that share a host never run one job twice.
 */
@Service
public class ImportService implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    /** The job, and whether it was created by this request or found by its Idempotency-Key. */
    public record Submitted(ImportJob job, boolean replayed) {
    }

    private final ImportJobs jobs;
    private final Ingestion ingestion;
    private final TransactionTemplate transactions;
    private final ImportSettings settings;
    private final String node;
    /** This process, as the owner of the jobs it runs. */
    private final UUID instance = UUID.randomUUID();
    private final ExecutorService workers;
    /**
     * Set by a graceful stop: a worker ends its job at the next chunk, leaving the rest and the file for the next run.
     * An interrupt did not stop it: a long job ran on through the stop's wait, was cut off mid-chunk when the JVM
     * ended, and, its claim never given up, waited out the lease before another process went on with it.
     */
    private volatile boolean stopping;

    ImportService(ImportJobs jobs, Ingestion ingestion, TransactionTemplate transactions, ImportSettings settings)
            throws IOException {
        this.jobs = jobs;
        this.ingestion = ingestion;
        this.transactions = transactions;
        this.settings = settings;
        Files.createDirectories(settings.spoolDir());
        this.node = hostName() + ":" + settings.spoolDir().toAbsolutePath();
        AtomicInteger n = new AtomicInteger();
        // Queued job ids are tiny (their files wait on disk), so the queue need not be bounded; the workers are.
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "import-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Spools {@code body} and queues its job, as a steward's (rows under the sources they name). With an
     * Idempotency-Key already used, the body is read and dropped and the existing job is returned.
     */
    public Submitted submit(MediaType contentType, String idempotencyKey, InputStream body) throws IOException {
        return submit(contentType, idempotencyKey, body, Submitter.UNBOUND);
    }

    /**
     * Spools {@code body} and queues its job, run with the submitter's rules: a FEED's rows go under its own source
     * (a row naming another is rejected). A key already taken by a job the submitter may not read is refused rather
     * than answered with that job.
     */
    public Submitted submit(MediaType contentType, String idempotencyKey, InputStream body, Submitter submitter)
            throws IOException {
        if (!submitter.entities().all()) {
            // a job keeps its submitter's source, not a tenant: a tenant-bound caller submits through the batch API
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "import jobs are for feeds and "
                    + "stewards; a portal submits its tenant's observations with POST /api/v1/observations");
        }
        if (!Formats.supports(contentType)) {
            throw new Formats.UnsupportedFormatException((contentType == null ? "no Content-Type"
                    : "unsupported Content-Type " + contentType) + ": send one of " + Formats.SUPPORTED);
        }
        if (idempotencyKey != null) {
            Optional<ImportJobs.Keyed> existing = jobs.findByKey(idempotencyKey);
            if (existing.isPresent()) {
                body.transferTo(java.io.OutputStream.nullOutputStream()); // the client sends it anyway
                return replay(existing.get(), idempotencyKey, submitter);
            }
        }
        UUID id = UUID.randomUUID();
        Path spool = settings.spoolDir().resolve(id + ".upload");
        long bytes;
        try {
            bytes = Files.copy(body, spool);
        }
        catch (IOException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        if (bytes == 0) {
            Files.deleteIfExists(spool);
            throw InvalidInputException.badRequest("body", "the file is empty: send the observations as the "
                    + "request body");
        }
        Optional<ImportJob> created = jobs.create(id, idempotencyKey, formatOf(contentType), contentType.toString(),
                node, instance, spool, bytes, submitter.subject(), submitter.source());
        if (created.isEmpty()) { // the same key raced in at the same moment
            Files.deleteIfExists(spool);
            return replay(jobs.findByKey(idempotencyKey).orElseThrow(), idempotencyKey, submitter);
        }
        workers.execute(() -> run(id, spool, contentType, 0, submitter));
        return new Submitted(created.get(), false);
    }

    private static Submitted replay(ImportJobs.Keyed existing, String key, Submitter submitter) {
        if (submitter.sourceBound() && !submitter.source().equals(existing.source())) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency-Key reused", "Idempotency-Key '" + key + "' was already used: use a new key");
        }
        return new Submitted(existing.job(), true);
    }

    /** Which node (host and spool directory) this process is, as its jobs record it. */
    String node() {
        return node;
    }

    public Optional<ImportJob> find(UUID id) {
        return jobs.find(id, ImportJobs.Readers.ALL);
    }

    /** The job if the caller may read it: a FEED reads the jobs of its own source only, another's is as missing. */
    public Optional<ImportJob> find(UUID id, Caller reader) {
        return jobs.find(id, readers(reader));
    }

    public List<ImportJob> recent(int limit) {
        return jobs.recent(limit, ImportJobs.Readers.ALL);
    }

    /** The most recent jobs the caller may read. */
    public List<ImportJob> recent(int limit, Caller reader) {
        return jobs.recent(limit, readers(reader));
    }

    private static ImportJobs.Readers readers(Caller caller) {
        return caller.sourceBound() ? new ImportJobs.Readers(false, caller.source()) : ImportJobs.Readers.ALL;
    }

    public List<Rejection> rejections(UUID id, int offset, int limit) {
        return jobs.rejections(id, offset, limit);
    }

    public int storedRejections(UUID id) {
        return jobs.storedRejections(id);
    }

    /**
     * Reads the spooled file chunk by chunk; each chunk and the job's progress commit together. The first
     * {@code rowsDone} rows were stored by an earlier run of the job: they are read past, not ingested again.
     */
    void run(UUID id, Path spool, MediaType contentType, long rowsDone, Submitter submitter) {
        if (stopping) {
            return; // queued when the stop came: left as it is, with its file, for the next run
        }
        if (!jobs.started(id, instance)) {
            return; // another process holds the claim now
        }
        long rows = 0;
        boolean cutShort = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(spool), 64 * 1024);
                RowReader reader = Formats.open(contentType, in)) {
            while (rows < rowsDone && reader.hasNext()) {
                reader.next();
                rows++;
            }
            List<ObservationRow> chunk = new ArrayList<>(settings.chunkRows());
            int[] kept = {rowsDone == 0 ? 0 : jobs.storedRejections(id)};
            while (reader.hasNext()) {
                if (chunk.isEmpty() && stopping) {
                    cutShort = true;
                    log.info("import {} stops after row {} with the service; it goes on from there at the next run",
                            id, rows);
                    return;
                }
                chunk.add(reader.next());
                rows++;
                if (chunk.size() == settings.chunkRows() || !reader.hasNext()) {
                    List<ObservationRow> rowsOfChunk = chunk;
                    long bytesRead = reader.bytesRead();
                    transactions.executeWithoutResult(tx -> {
                        IngestResult result = ingestion.ingest(rowsOfChunk, Channel.IMPORT, submitter);
                        List<Rejection> keep = result.rejected().subList(0,
                                Math.min(result.rejected().size(), settings.maxStoredRejections() - kept[0]));
                        if (!jobs.progress(id, instance, bytesRead, result, keep, kept[0])) {
                            throw new ClaimLost();
                        }
                        kept[0] += keep.size();
                    });
                    chunk = new ArrayList<>(settings.chunkRows());
                }
            }
            jobs.completed(id, instance);
            log.info("import {} completed: {} rows", id, rows);
        }
        catch (ClaimLost e) {
            cutShort = true; // the file is the new owner's now
            log.warn("import {} stops, its chunk up to row {} rolled back: another process took the job over (this"
                    + " one's claim ran out)", id, rows);
        }
        catch (UnreadableInputException e) {
            jobs.failed(id, instance, "the file cannot be read on after row " + rows + ": " + e.getMessage()
                    + " (the rows before are stored)");
        }
        catch (RuntimeException | IOException e) {
            log.error("import {} failed after {} rows", id, rows, e);
            jobs.failed(id, instance, "failed after row " + rows + ": " + e);
        }
        finally {
            try {
                if (!cutShort) {
                    Files.deleteIfExists(spool);
                }
            }
            catch (IOException e) {
                log.warn("could not delete spooled file {}: {}", spool, e.toString());
            }
        }
    }

    /**
     * Renews this process's claim on its jobs, then takes over the jobs of its node whose owner has gone silent (a
     * stop cut them short): they go on where they stopped; those whose file is gone cannot.
     */
    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::resumeInterrupted, settings.heartbeat());
    }

    void resumeInterrupted() {
        jobs.heartbeat(instance);
        for (ImportJobs.Interrupted job : jobs.claimAbandoned(node, instance, settings.lease())) {
            Path spool = job.spoolPath() == null ? null : Path.of(job.spoolPath());
            if (spool == null || !Files.isReadable(spool)) {
                jobs.failed(job.id(), instance, "interrupted by a restart of indicator-service after " + job.rowsDone()
                        + " rows (those are stored) and its spooled file is gone; send the file again: rows already"
                        + " stored come back as unchanged");
                continue;
            }
            log.info("import {} resumes after row {}", job.id(), job.rowsDone());
            // the submitter's rules hold for the rest of the file too; a job from before they were recorded has none
            Submitter submitter = new Submitter(job.submittedBy(), TenantScope.ALL, job.source());
            workers.execute(() -> run(job.id(), spool, MediaType.parseMediaType(job.contentType()), job.rowsDone(),
                    submitter));
        }
    }

    /**
     * A graceful stop lets each worker finish the chunk it is on, then gives up this process's claims, so a restarted
     * or a sibling instance takes the jobs over at once, from their last chunk, instead of after the lease.
     */
    @jakarta.annotation.PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        workers.shutdown();
        if (workers.awaitTermination(10, TimeUnit.SECONDS)) {
            jobs.release(instance);
        }
        else {
            log.warn("import workers still busy at shutdown: their jobs wait for the lease to run out");
        }
    }

    /** The job's claim passed to another process while this one ran it. */
    private static final class ClaimLost extends RuntimeException {
        ClaimLost() {
            super("the import job's claim passed to another process", null, false, false);
        }
    }

    static String formatOf(MediaType type) {
        if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return "json";
        }
        return type.getSubtype().toLowerCase(Locale.ROOT).contains("sdmx") ? "sdmx" : "csv";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (IOException e) {
            return "localhost";
        }
    }
}
