package io.github.otaconnect.source;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The Kafka Connect source offset of one job: what the connector has already delivered.
 *
 * <p>The vendor API has no "modified since" filter and no stable order, so an offset cannot be a cursor.
 * Instead it bounds what a restarted task must emit again:
 * <ul>
 *   <li>{@code watermark}: every task state whose {@code UtcModified} is at or before
 *       {@code watermark - lookback} has been delivered;</li>
 *   <li>{@code recent}: fingerprints ({@link StateFingerprint#ofTaskState}) of the states modified after
 *       {@code watermark - lookback} that have been delivered (or, in start mode {@code changes}, taken as
 *       the baseline). If more states than the configured bound fell in that window, only the newest are
 *       kept and {@code recentComplete} is false: a restart may then emit some of them again (counted),
 *       never lose one;</li>
 *   <li>{@code jobFingerprint}: the last job snapshot delivered, so a restart does not repeat it;</li>
 *   <li>{@code finished}: the job's final snapshot was delivered and nothing in it can change any more.</li>
 * </ul>
 * The format carries a version ({@code v}) so that it can evolve; a task refuses a format it does not
 * know rather than guessing.
 */
public record JobOffset(Instant watermark, long[] recent, boolean recentComplete, Long jobFingerprint,
                        boolean finished) {

    public static final int FORMAT_VERSION = 1;
    /**
     * The most recent states an offset carries: 6,000 fingerprints are 64,000 Base64 characters, so the
     * whole offset record stays under 64 KB.
     */
    static final int MAX_RECENT_STATES = 6_000;

    static final String VERSION = "v";
    static final String WATERMARK_MS = "watermark_ms";
    static final String RECENT = "recent";
    static final String RECENT_COMPLETE = "recent_complete";
    static final String JOB_FINGERPRINT = "job_fp";
    static final String FINISHED = "finished";

    /** Nothing delivered yet. */
    public static final JobOffset NONE = new JobOffset(null, new long[0], true, null, false);

    public JobOffset {
        recent = recent.clone();
        Arrays.sort(recent);
    }

    public boolean isNone() {
        return watermark == null && recent.length == 0 && jobFingerprint == null && !finished;
    }

    /** True if this task state is known to have been delivered (in the window it remembers). */
    public boolean remembers(long taskStateFingerprint) {
        return Arrays.binarySearch(recent, taskStateFingerprint) >= 0;
    }

    /**
     * Of two offsets committed for one job by different runs, the one that covers more: the later watermark,
     * then a finished job, then the one that names more delivered states; {@code current} on a tie.
     */
    static JobOffset moreAdvanced(JobOffset current, JobOffset other) {
        Comparator<JobOffset> progress = Comparator
                .comparing(JobOffset::watermark, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(JobOffset::finished)
                .thenComparingInt(offset -> offset.recent.length);
        return progress.compare(other, current) > 0 ? other : current;
    }

    @Override
    public long[] recent() {
        return recent.clone();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(VERSION, FORMAT_VERSION);
        if (watermark != null) {
            map.put(WATERMARK_MS, watermark.toEpochMilli());
        }
        map.put(RECENT, encode(recent));
        map.put(RECENT_COMPLETE, recentComplete);
        if (jobFingerprint != null) {
            map.put(JOB_FINGERPRINT, jobFingerprint);
        }
        map.put(FINISHED, finished);
        return map;
    }

    /**
     * Reads an offset committed by this or an earlier version of the connector.
     *
     * @throws ConnectException for a format written by a newer version, or one that is damaged; the message
     *         says how to recover (reset the connector's offsets), because guessing could lose data
     */
    public static JobOffset fromMap(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return NONE;
        }
        try {
            int version = ((Number) map.get(VERSION)).intValue();
            if (version != FORMAT_VERSION) {
                throw new ConnectException("The committed offset has format version " + version + ", but this "
                        + "connector version (" + ConnectorVersion.get() + ") reads only version " + FORMAT_VERSION
                        + ". Run the connector version that wrote it, or reset the connector's offsets "
                        + "(DELETE /connectors/<name>/offsets) to start over.");
            }
            Number watermarkMs = (Number) map.get(WATERMARK_MS);
            long[] recent = decode((String) map.get(RECENT));
            Number jobFp = (Number) map.get(JOB_FINGERPRINT);
            return new JobOffset(watermarkMs == null ? null : Instant.ofEpochMilli(watermarkMs.longValue()),
                    recent, !Boolean.FALSE.equals(map.get(RECENT_COMPLETE)),
                    jobFp == null ? null : jobFp.longValue(), Boolean.TRUE.equals(map.get(FINISHED)));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new ConnectException("The committed offset " + map.keySet() + " is not in a format this connector "
                    + "wrote. Reset the connector's offsets (DELETE /connectors/<name>/offsets) to start over.", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobOffset other && Arrays.equals(recent, other.recent)
                && recentComplete == other.recentComplete && finished == other.finished
                && Objects.equals(watermark, other.watermark)
                && Objects.equals(jobFingerprint, other.jobFingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(watermark, Arrays.hashCode(recent), recentComplete, jobFingerprint, finished);
    }

    @Override
    public String toString() {
        return "JobOffset{watermark=" + watermark + ", recent=" + recent.length + " states"
                + (recentComplete ? "" : " (bounded)") + ", jobFingerprint=" + jobFingerprint
                + ", finished=" + finished + "}";
    }

    /**
     * Connect accepts only primitive offset values, so the fingerprints travel as one Base64 string of
     * big-endian longs: 8 bytes a state before encoding, about 11 after.
     */
    private static String encode(long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES);
        for (long value : values) {
            buffer.putLong(value);
        }
        return Base64.getEncoder().withoutPadding().encodeToString(buffer.array());
    }

    private static long[] decode(String text) {
        if (text == null || text.isEmpty()) {
            return new long[0];
        }
        byte[] bytes = Base64.getDecoder().decode(text);
        if (bytes.length % Long.BYTES != 0) {
            throw new IllegalArgumentException("recent states are not a whole number of fingerprints");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long[] values = new long[bytes.length / Long.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getLong();
        }
        return values;
    }
}
