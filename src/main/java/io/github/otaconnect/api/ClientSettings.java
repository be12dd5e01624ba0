package io.github.otaconnect.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Everything the client needs, immutable and validated when built. Obtain one with {@link #builder()}.
 * {@link #toString()} is safe to log: it shows no secret.
 */
public final class ClientSettings {

    public static final double DEFAULT_QUERIES_PER_SECOND = VendorLimits.QUERIES_PER_SECOND;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_THROTTLE_BACKOFF = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private final URI endpoint;
    private final String regionId;
    private final String iotInstanceId;
    private final Credentials credentials;
    private final double queriesPerSecond;
    private final int rateLimitBurst;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration throttleBackoff;
    private final int maxResponseBytes;
    private final Clock clock;
    private final Sleeper sleeper;
    private final LongSupplier ticker;
    private final DoubleSupplier jitter;

    private ClientSettings(Builder b) {
        this.regionId = blankToNull(b.regionId);
        this.iotInstanceId = blankToNull(b.iotInstanceId);
        if (b.endpoint != null) {
            this.endpoint = Endpoints.validate(b.endpoint);
        } else if (regionId != null) {
            this.endpoint = Endpoints.forRegion(regionId);
        } else {
            throw new IllegalArgumentException("set a region ID (e.g. cn-shanghai) or an explicit endpoint");
        }
        this.credentials = Objects.requireNonNull(b.credentials, "credentials must be set");
        if (!(b.queriesPerSecond >= RateLimiter.MIN_PERMITS_PER_SECOND)) {
            throw new IllegalArgumentException("queriesPerSecond must be >= " + RateLimiter.MIN_PERMITS_PER_SECOND
                    + ", was " + b.queriesPerSecond);
        }
        this.queriesPerSecond = b.queriesPerSecond;
        this.rateLimitBurst = atLeast(1, b.rateLimitBurst, "rateLimitBurst");
        this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
        this.requestTimeout = positive(b.requestTimeout, "requestTimeout");
        this.maxAttempts = atLeast(1, b.maxAttempts, "maxAttempts");
        this.initialBackoff = notNegative(b.initialBackoff, "initialBackoff");
        this.maxBackoff = notNegative(b.maxBackoff, "maxBackoff");
        this.throttleBackoff = notNegative(b.throttleBackoff, "throttleBackoff");
        this.maxResponseBytes = atLeast(1, b.maxResponseBytes, "maxResponseBytes");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.sleeper = Objects.requireNonNull(b.sleeper, "sleeper");
        this.ticker = Objects.requireNonNull(b.ticker, "ticker");
        this.jitter = Objects.requireNonNull(b.jitter, "jitter");
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Sent as {@code RegionId} when set. */
    public String regionId() {
        return regionId;
    }

    /** Sent as {@code IotInstanceId} on every call when set (enterprise instances). */
    public String iotInstanceId() {
        return iotInstanceId;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** Budget per action: each action has its own token bucket. */
    public double queriesPerSecond() {
        return queriesPerSecond;
    }

    /** Tokens a bucket may save up while idle; 1 spreads calls evenly. */
    public int rateLimitBurst() {
        return rateLimitBurst;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The whole request, from sending to the last byte of the body. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Attempts per call, the first included; 1 means no retry. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Base backoff after throttling, normally larger than {@link #initialBackoff()}. */
    public Duration throttleBackoff() {
        return throttleBackoff;
    }

    /** Larger bodies are not read to the end and fail with {@link InvalidResponseException}. */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Source of the request {@code Timestamp}. */
    public Clock clock() {
        return clock;
    }

    /** Waits for backoff and rate limiting. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * Monotonic nanoseconds for rate limiting and latency, {@link System#nanoTime()} by default. Tests that
     * inject a fake {@link #sleeper()} should inject a ticker that the fake sleeper advances.
     */
    public LongSupplier ticker() {
        return ticker;
    }

    /** Uniform random values in [0, 1) for backoff jitter. */
    public DoubleSupplier jitter() {
        return jitter;
    }

    @Override
    public String toString() {
        return "ClientSettings[endpoint=" + endpoint + ", regionId=" + regionId + ", iotInstanceId=" + iotInstanceId
                + ", credentials=" + credentials + ", queriesPerSecond=" + queriesPerSecond
                + ", rateLimitBurst=" + rateLimitBurst + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxAttempts=" + maxAttempts
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", throttleBackoff=" + throttleBackoff + ", maxResponseBytes=" + maxResponseBytes + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static int atLeast(int min, int value, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
        return value;
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    private static Duration notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
        return d;
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private URI endpoint;
        private String regionId;
        private String iotInstanceId;
        private Credentials credentials;
        private double queriesPerSecond = DEFAULT_QUERIES_PER_SECOND;
        private int rateLimitBurst = 1;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration throttleBackoff = DEFAULT_THROTTLE_BACKOFF;
        private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private LongSupplier ticker = System::nanoTime;
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {
        }

        /** An explicit endpoint (http allowed); when unset, the region's public endpoint is used. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder regionId(String regionId) {
            this.regionId = regionId;
            return this;
        }

        public Builder iotInstanceId(String iotInstanceId) {
            this.iotInstanceId = iotInstanceId;
            return this;
        }

        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder queriesPerSecond(double queriesPerSecond) {
            this.queriesPerSecond = queriesPerSecond;
            return this;
        }

        public Builder rateLimitBurst(int rateLimitBurst) {
            this.rateLimitBurst = rateLimitBurst;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        public Builder throttleBackoff(Duration throttleBackoff) {
            this.throttleBackoff = throttleBackoff;
            return this;
        }

        public Builder maxResponseBytes(int maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder ticker(LongSupplier ticker) {
            this.ticker = ticker;
            return this;
        }

        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = jitter;
            return this;
        }

        public ClientSettings build() {
            return new ClientSettings(this);
        }
    }
}
