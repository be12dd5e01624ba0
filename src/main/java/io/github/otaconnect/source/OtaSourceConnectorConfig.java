package io.github.otaconnect.source;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.github.otaconnect.push.AmqpEndpoint;
import io.github.otaconnect.push.PushSettings;

import io.github.otaconnect.api.Endpoints;
import io.github.otaconnect.api.VendorLimits;

/**
 * The connector's whole configuration: one {@link ConfigDef}, grouped, every entry documented and validated.
 * The README's configuration table is generated from {@link #configDef()}.
 */
public class OtaSourceConnectorConfig extends AbstractConfig {

    public static final String GROUP_CONNECTION = "Connection";
    public static final String GROUP_JOBS = "Jobs";
    public static final String GROUP_TOPICS = "Topics";
    public static final String GROUP_POLLING = "Polling";
    public static final String GROUP_LIMITS = "Limits";
    public static final String GROUP_PUSH = "Push";

    public static final String REGION_ID = "ota.region.id";
    public static final String ENDPOINT_URL = "ota.endpoint.url";
    public static final String ACCESS_KEY_ID = "ota.access.key.id";
    public static final String ACCESS_KEY_SECRET = "ota.access.key.secret";
    public static final String SECURITY_TOKEN = "ota.security.token";
    public static final String IOT_INSTANCE_ID = "ota.iot.instance.id";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "ota.http.connect.timeout.ms";
    public static final String HTTP_REQUEST_TIMEOUT_MS = "ota.http.request.timeout.ms";

    public static final String JOB_IDS = "ota.job.ids";
    public static final String START_MODE = "ota.start.mode";
    public static final String FINISHED_JOBS = "ota.finished.jobs";
    public static final String PRODUCT_KEYS = "ota.product.keys";
    public static final String FIRMWARE_IDS = "ota.firmware.ids";
    public static final String DISCOVERY_INTERVAL_MS = "ota.discovery.interval.ms";
    public static final String DISCOVERY_BACKFILL_HORIZON_MS = "ota.discovery.backfill.horizon.ms";

    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String JOB_TOPIC = "ota.job.topic";
    public static final String TASK_TOPIC = "ota.task.topic";

    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String PLANNED_JOB_CHECK_INTERVAL_MS = "ota.planned.job.check.interval.ms";
    public static final String LOOKBACK_MS = "ota.lookback.ms";

    public static final String QPS_PER_ACTION = "ota.qps.per.action";
    public static final String QPS_ALLOW_ABOVE_VENDOR_LIMIT = "ota.qps.allow.above.vendor.limit";
    public static final String PAGE_SIZE = "ota.page.size";
    public static final String RETRY_MAX_ATTEMPTS = "ota.retry.max.attempts";
    public static final String RETRY_BACKOFF_INITIAL_MS = "ota.retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "ota.retry.backoff.max.ms";
    public static final String OFFSET_RECENT_MAX_ENTRIES = "ota.offset.recent.max.entries";
    static final int DEFAULT_OFFSET_RECENT_MAX_ENTRIES = 5_000;

    public static final String PUSH_ENABLED = "ota.push.enabled";
    public static final String PUSH_ENDPOINT = "ota.push.endpoint";
    public static final String PUSH_CONSUMER_GROUPS = "ota.push.consumer.groups";
    public static final String PUSH_DISCOVERY_CONSUMER_GROUP = "ota.push.discovery.consumer.group";
    public static final String PUSH_CLIENT_ID_PREFIX = "ota.push.client.id.prefix";
    public static final String PUSH_POLL_INTERVAL_MS = "ota.push.poll.interval.ms";
    public static final String PUSH_READ_LINGER_MS = "ota.push.read.linger.ms";
    public static final String PUSH_CALL_BUDGET_RATIO = "ota.push.call.budget.ratio";
    public static final String PUSH_IDLE_TIMEOUT_MS = "ota.push.idle.timeout.ms";
    public static final String PUSH_RECONNECT_BACKOFF_MAX_MS = "ota.push.reconnect.backoff.max.ms";
    public static final String PUSH_TRUSTSTORE_LOCATION = "ota.push.ssl.truststore.location";
    public static final String PUSH_TRUSTSTORE_PASSWORD = "ota.push.ssl.truststore.password";

    /**
     * Job IDs as the vendor issues them: letters, digits, and a few separators. The check catches
     * pasted URLs, quotes and whitespace, which would otherwise surface much later as API errors.
     */
    static final Pattern JOB_ID_PATTERN = Pattern.compile("[A-Za-z0-9_\\-]{4,64}");
    /** Product keys and firmware IDs are issued alike and get the same check. */
    static final Pattern PRODUCT_KEY_PATTERN = JOB_ID_PATTERN;
    static final Pattern FIRMWARE_ID_PATTERN = JOB_ID_PATTERN;
    /** Consumer group IDs (issued like job IDs, or DEFAULT_GROUP) get the same check. */
    static final Pattern CONSUMER_GROUP_PATTERN = JOB_ID_PATTERN;
    private static final long DAY_MS = 86_400_000L;

    private static final ConfigDef CONFIG_DEF = buildConfigDef();

    public OtaSourceConnectorConfig(Map<?, ?> originals) {
        this(CONFIG_DEF, originals);
    }

    protected OtaSourceConnectorConfig(ConfigDef definition, Map<?, ?> originals) {
        super(definition, originals, false);
        List<String> problems = crossFieldProblems();
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(REGION_ID, Type.STRING, "cn-shanghai", new RegionValidator(), Importance.HIGH,
                "Alibaba Cloud region of the IoT Platform instance, for example cn-shanghai. The endpoint is "
                        + "https://iot.<region>.aliyuncs.com/ unless " + ENDPOINT_URL + " is set.",
                GROUP_CONNECTION, ++order, Width.SHORT, "Region ID");
        def.define(ENDPOINT_URL, Type.STRING, "", new EndpointValidator(Endpoints::parse,
                "empty, or an http(s) URL such as https://iot.cn-shanghai.aliyuncs.com/"), Importance.LOW,
                "Explicit API endpoint URL, overriding the one derived from the region (for private gateways "
                        + "and tests). Plain http is accepted only here, never derived.",
                GROUP_CONNECTION, ++order, Width.LONG, "Endpoint URL");
        def.define(ACCESS_KEY_ID, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, "AccessKey ID of the RAM user the connector calls the API as. The user needs "
                        + "iot:QueryOTAJob and iot:ListOTATaskByJob.",
                GROUP_CONNECTION, ++order, Width.MEDIUM, "AccessKey ID");
        def.define(ACCESS_KEY_SECRET, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, new NonEmptyPassword(),
                Importance.HIGH, "AccessKey secret. Give it through a ConfigProvider placeholder (for example "
                        + "${file:/etc/kafka/ota-secrets.properties:ota.access.key.secret}) so that the Connect "
                        + "REST API never shows it.",
                GROUP_CONNECTION, ++order, Width.MEDIUM, "AccessKey secret");
        def.define(SECURITY_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                "STS security token, when the AccessKey is a temporary STS credential. Rotate it with a config "
                        + "update or a ConfigProvider reload before it expires.",
                GROUP_CONNECTION, ++order, Width.LONG, "STS security token");
        def.define(IOT_INSTANCE_ID, Type.STRING, "", Importance.MEDIUM,
                "IoT instance ID. Required for enterprise (purchased) instances, empty for the public instance.",
                GROUP_CONNECTION, ++order, Width.MEDIUM, "IoT instance ID");
        def.define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 5_000, ConfigDef.Range.between(100, 300_000),
                Importance.LOW, "Timeout for opening a connection to the API, in milliseconds.",
                GROUP_CONNECTION, ++order, Width.SHORT, "Connect timeout (ms)");
        def.define(HTTP_REQUEST_TIMEOUT_MS, Type.INT, 15_000, ConfigDef.Range.between(100, 600_000),
                Importance.LOW, "Timeout for one whole API request, in milliseconds; a request that takes "
                        + "longer is retried.",
                GROUP_CONNECTION, ++order, Width.SHORT, "Request timeout (ms)");

        order = 0;
        def.define(JOB_IDS, Type.LIST, "", new IdListValidator(JOB_ID_PATTERN, "job ID",
                        "as shown on the console's Firmware Details page"), Importance.HIGH,
                "Comma-separated IDs of the OTA update jobs (batches) to follow. May be empty when "
                        + PRODUCT_KEYS + " or " + FIRMWARE_IDS + " is set; jobs listed here are followed "
                        + "whatever their age, in addition to the discovered ones.",
                GROUP_JOBS, ++order, Width.LONG, "Job IDs");
        def.define(PRODUCT_KEYS, Type.LIST, "", new IdListValidator(PRODUCT_KEY_PATTERN, "product key",
                        "as shown on the console's Product Details page"), Importance.HIGH,
                "Comma-separated product keys whose OTA jobs are discovered and followed: every firmware of "
                        + "these products (ListOTAFirmware) and every job of that firmware (ListOTAJobByFirmware), "
                        + "checked again every " + DISCOVERY_INTERVAL_MS + ", so a job created later is followed "
                        + "without a configuration change. The RAM user then also needs iot:ListOTAFirmware and "
                        + "iot:ListOTAJobByFirmware.",
                GROUP_JOBS, ++order, Width.LONG, "Product keys");
        def.define(FIRMWARE_IDS, Type.LIST, "", new IdListValidator(FIRMWARE_ID_PATTERN, "firmware ID",
                        "as shown on the console's Firmware Details page"), Importance.MEDIUM,
                "Comma-separated firmware IDs whose OTA jobs are discovered and followed, like "
                        + PRODUCT_KEYS + " but for single firmware (needs iot:ListOTAJobByFirmware).",
                GROUP_JOBS, ++order, Width.LONG, "Firmware IDs");
        def.define(DISCOVERY_INTERVAL_MS, Type.LONG, 300_000L, ConfigDef.Range.between(1_000L, DAY_MS),
                Importance.MEDIUM, "How often the jobs of " + PRODUCT_KEYS + " and " + FIRMWARE_IDS
                        + " are listed again, in milliseconds. When the set of jobs changes, the jobs are "
                        + "reassigned to the tasks. A listing that fails is logged and tried again one interval "
                        + "later; the connector keeps following the jobs it knew.",
                GROUP_JOBS, ++order, Width.SHORT, "Discovery interval (ms)");
        def.define(DISCOVERY_BACKFILL_HORIZON_MS, Type.LONG, 7 * DAY_MS, ConfigDef.Range.between(0L, 3_650 * DAY_MS),
                Importance.LOW, "A discovered job that is already over (COMPLETE or CANCELED) is followed only if it "
                        + "ended (UtcEndTime, else UtcModified) less than this long ago, in milliseconds; 0 follows "
                        + "every discovered job however old. Jobs still running are always followed, and so are "
                        + "the jobs listed in " + JOB_IDS + ". A discovered job that ages past the horizon is no "
                        + "longer followed.",
                GROUP_JOBS, ++order, Width.SHORT, "Backfill horizon (ms)");
        def.define(START_MODE, Type.STRING, StartMode.SNAPSHOT.configValue(),
                ConfigDef.CaseInsensitiveValidString.in(StartMode.configValues()), Importance.MEDIUM,
                "What a job new to the connector starts with: 'snapshot' emits the current state of every "
                        + "task first and then every change; 'changes' records the current state silently and "
                        + "emits only what changes from then on (the job snapshot is always emitted).",
                GROUP_JOBS, ++order, Width.SHORT, "Start mode");
        def.define(FINISHED_JOBS, Type.STRING, FinishedJobPolicy.STOP.configValue(),
                ConfigDef.CaseInsensitiveValidString.in(FinishedJobPolicy.configValues()), Importance.MEDIUM,
                "What to do once a job is finished (COMPLETE or CANCELED and no task can change any more): "
                        + "'stop' emits the final snapshot and stops calling the API for it (remembered in the "
                        + "offsets, so a restart does not rescan it); 'watch' keeps polling it.",
                GROUP_JOBS, ++order, Width.SHORT, "Finished jobs");

        order = 0;
        def.define(TOPIC_PREFIX, Type.STRING, "ota", new TopicNameValidator(), Importance.MEDIUM,
                "Prefix of the default topic names: <prefix>.jobs and <prefix>.tasks.",
                GROUP_TOPICS, ++order, Width.SHORT, "Topic prefix");
        def.define(JOB_TOPIC, Type.STRING, "", new TopicNameValidator(), Importance.MEDIUM,
                "Topic of the job snapshots; empty means <prefix>.jobs. Keyed by job ID: make it compacted.",
                GROUP_TOPICS, ++order, Width.MEDIUM, "Job snapshot topic");
        def.define(TASK_TOPIC, Type.STRING, "", new TopicNameValidator(), Importance.MEDIUM,
                "Topic of the task records; empty means <prefix>.tasks. Keyed by job ID and task ID: make it "
                        + "compacted.",
                GROUP_TOPICS, ++order, Width.MEDIUM, "Task topic");

        order = 0;
        def.define(POLL_INTERVAL_MS, Type.LONG, 10_000L, ConfigDef.Range.between(100L, 86_400_000L),
                Importance.HIGH, "Time between the starts of two scans of the same job, in milliseconds. A scan "
                        + "that takes longer than this is followed by the next one at once.",
                GROUP_POLLING, ++order, Width.SHORT, "Poll interval (ms)");
        def.define(PLANNED_JOB_CHECK_INTERVAL_MS, Type.LONG, 300_000L,
                ConfigDef.Range.between(1_000L, 86_400_000L), Importance.LOW,
                "How often a PLANNED job is checked before its scheduled start time, in milliseconds.",
                GROUP_POLLING, ++order, Width.SHORT, "Planned job check interval (ms)");
        def.define(LOOKBACK_MS, Type.LONG, 60_000L, ConfigDef.Range.between(0L, 86_400_000L), Importance.LOW,
                "How far behind the committed position a change may still become visible (a change whose "
                        + "UtcModified is older than the position, seen late). Changes up to this far behind are "
                        + "neither lost nor duplicated; a larger value costs a larger offset.",
                GROUP_POLLING, ++order, Width.SHORT, "Look-back window (ms)");

        order = 0;
        def.define(QPS_PER_ACTION, Type.DOUBLE, 8.0, ConfigDef.Range.between(0.01, 1_000.0), Importance.HIGH,
                "Queries per second the whole connector (all its tasks together) may make to each API "
                        + "operation. The vendor allows 10 per operation per account, shared with every other "
                        + "client and RAM user of the account: leave room for them.",
                GROUP_LIMITS, ++order, Width.SHORT, "QPS budget per action");
        def.define(QPS_ALLOW_ABOVE_VENDOR_LIMIT, Type.BOOLEAN, false, Importance.LOW,
                "Allow " + QPS_PER_ACTION + " above the vendor's documented 10 (for accounts with a raised quota).",
                GROUP_LIMITS, ++order, Width.SHORT, "Allow budget above 10 QPS");
        def.define(PAGE_SIZE, Type.INT, VendorLimits.TASK_PAGE_SIZE,
                ConfigDef.Range.between(1, VendorLimits.TASK_PAGE_SIZE), Importance.LOW,
                "Tasks per ListOTATaskByJob page (the vendor's maximum is " + VendorLimits.TASK_PAGE_SIZE
                        + "; smaller pages cost more calls).",
                GROUP_LIMITS, ++order, Width.SHORT, "Page size");
        def.define(RETRY_MAX_ATTEMPTS, Type.INT, 5, ConfigDef.Range.between(1, 100), Importance.LOW,
                "Attempts per API call for transient errors (throttling, HTTP 5xx, system exceptions, timeouts) "
                        + "before the scan backs off and tries again later.",
                GROUP_LIMITS, ++order, Width.SHORT, "Retry attempts");
        def.define(RETRY_BACKOFF_INITIAL_MS, Type.LONG, 200L, ConfigDef.Range.between(1L, 600_000L),
                Importance.LOW, "First retry backoff in milliseconds; it doubles per attempt, with full jitter.",
                GROUP_LIMITS, ++order, Width.SHORT, "Initial backoff (ms)");
        def.define(RETRY_BACKOFF_MAX_MS, Type.LONG, 30_000L, ConfigDef.Range.between(1L, 3_600_000L),
                Importance.LOW, "Largest retry backoff in milliseconds.",
                GROUP_LIMITS, ++order, Width.SHORT, "Maximum backoff (ms)");
        def.define(OFFSET_RECENT_MAX_ENTRIES, Type.INT, DEFAULT_OFFSET_RECENT_MAX_ENTRIES,
                ConfigDef.Range.between(0, JobOffset.MAX_RECENT_STATES), Importance.LOW,
                "Most task states per job that an offset remembers inside the look-back window (about 11 bytes "
                        + "each; the maximum keeps every offset record under 64 KB, so a first read does not write "
                        + "more to the offsets topic than to the task topic). Past it a restart may re-emit (never "
                        + "lose) states of that window, and says how many.",
                GROUP_LIMITS, ++order, Width.SHORT, "Recent states kept in offsets");

        def.define(PUSH_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM,
                "Also consume the vendor's AMQP server-side subscription: a pushed OTA update status triggers a "
                        + "prompt re-read of that device (a pushed job status, of that job), so changes reach Kafka "
                        + "in about a second. What is written still comes from the API; polling stays on as the "
                        + "safety net, at " + PUSH_POLL_INTERVAL_MS + " while push is connected and at "
                        + POLL_INTERVAL_MS + " while it is not.",
                GROUP_PUSH, ++order, Width.SHORT, "Push enabled");
        def.define(PUSH_ENDPOINT, Type.STRING, "", new EndpointValidator(AmqpEndpoint::parse,
                "amqps://host[:port], or empty"), Importance.MEDIUM,
                "AMQP endpoint, amqps://host[:port] (port 5671 if not given). Empty: derived from "
                        + IOT_INSTANCE_ID + " as amqps://<instance>.amqp.iothub.aliyuncs.com:5671; public instances "
                        + "without an instance ID must set it (console: Instance overview > Endpoint > AMQP).",
                GROUP_PUSH, ++order, Width.LONG, "AMQP endpoint");
        def.define(PUSH_CONSUMER_GROUPS, Type.LIST, "", new IdListValidator(CONSUMER_GROUP_PATTERN,
                        "consumer group ID", "as shown on the console's consumer group list"), Importance.MEDIUM,
                "Consumer group IDs, one per task (task i uses the i-th), each subscribed to the OTA update status "
                        + "and OTA job status messages of the products whose jobs the connector follows. A group "
                        + "spreads its messages over its connected clients, not by job, so tasks cannot share one; "
                        + "list at least tasks.max groups, used by nothing else.",
                GROUP_PUSH, ++order, Width.LONG, "Consumer groups");
        def.define(PUSH_DISCOVERY_CONSUMER_GROUP, Type.STRING, "", Importance.LOW,
                "Optional consumer group subscribed to OTA job status messages, consumed by the connector itself: "
                        + "a job status message about a job it does not follow starts a discovery round at once "
                        + "(at most every 10 s) instead of at the next " + DISCOVERY_INTERVAL_MS + ". Only with "
                        + "discovery (" + PRODUCT_KEYS + " or " + FIRMWARE_IDS + "); not one of "
                        + PUSH_CONSUMER_GROUPS + ".",
                GROUP_PUSH, ++order, Width.MEDIUM, "Discovery consumer group");
        def.define(PUSH_CLIENT_ID_PREFIX, Type.STRING, "kafka-connect-ota", new ConfigDef.NonEmptyString(),
                Importance.LOW, "Prefix of the AMQP client IDs (prefix-<connector>-<task>), as the console lists "
                        + "them.",
                GROUP_PUSH, ++order, Width.MEDIUM, "Client ID prefix");
        def.define(PUSH_POLL_INTERVAL_MS, Type.LONG, 300_000L, ConfigDef.Range.between(1_000L, 86_400_000L),
                Importance.MEDIUM, "Polling interval while push is connected: the safety net for lost messages. "
                        + "Must not be shorter than " + POLL_INTERVAL_MS + ".",
                GROUP_PUSH, ++order, Width.SHORT, "Poll interval with push (ms)");
        def.define(PUSH_READ_LINGER_MS, Type.LONG, 200L, ConfigDef.Range.between(0L, 10_000L), Importance.LOW,
                "How long a pushed change waits for others of the same job to share its re-read (one call reads "
                        + "up to 50 devices).",
                GROUP_PUSH, ++order, Width.SHORT, "Re-read linger (ms)");
        def.define(PUSH_CALL_BUDGET_RATIO, Type.DOUBLE, 1.0, ConfigDef.Range.between(1.0, 10.0), Importance.LOW,
                "Calls a job's pushed re-reads and safety-net polling may spend together while push is "
                        + "connected, as a multiple of what polling every " + POLL_INTERVAL_MS + " spends on it. "
                        + "1: push never costs more calls than polling alone. While a job's changes never pause, "
                        + "its re-reads come no oftener than this budget allows, which bounds its lag from below "
                        + "(a 250-task job polled every 10 s: one re-read about every 2.6 s at 1, every 1.7 s at "
                        + "1.5). Raise it to buy lower lag for small busy jobs with more calls.",
                GROUP_PUSH, ++order, Width.SHORT, "Call budget ratio");
        def.define(PUSH_IDLE_TIMEOUT_MS, Type.LONG, 80_000L, ConfigDef.Range.between(
                        PushSettings.MIN_IDLE_TIMEOUT.toMillis(), PushSettings.MAX_IDLE_TIMEOUT.toMillis()),
                Importance.LOW, "AMQP idle time-out (Qpid JMS amqp.idleTimeout): the connection is dropped and "
                        + "re-made after this long without a frame from the server. The open frame carries half of "
                        + "it, which the vendor wants within 30 to 300 s; the default is the vendor's Java example's.",
                GROUP_PUSH, ++order, Width.SHORT, "Idle time-out (ms)");
        def.define(PUSH_RECONNECT_BACKOFF_MAX_MS, Type.LONG, 60_000L, ConfigDef.Range.between(1_000L, 3_600_000L),
                Importance.LOW, "Longest wait between reconnection attempts (exponential from 1 s, jittered).",
                GROUP_PUSH, ++order, Width.SHORT, "Reconnect backoff max (ms)");
        def.define(PUSH_TRUSTSTORE_LOCATION, Type.STRING, "", Importance.LOW,
                "Trust store (PKCS12 or JKS) for the AMQP endpoint's certificate; empty: the JVM's default trust, "
                        + "which the vendor's public endpoints need.",
                GROUP_PUSH, ++order, Width.LONG, "Trust store");
        def.define(PUSH_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                "Password of " + PUSH_TRUSTSTORE_LOCATION + ".",
                GROUP_PUSH, ++order, Width.MEDIUM, "Trust store password");
        return def;
    }

    /** Checks that need more than one value; shared by the constructor and {@code Connector.validate()}. */
    final List<String> crossFieldProblems() {
        List<String> problems = new ArrayList<>();
        double qps = getDouble(QPS_PER_ACTION);
        if (qps > VendorLimits.QUERIES_PER_SECOND && !getBoolean(QPS_ALLOW_ABOVE_VENDOR_LIMIT)) {
            problems.add(QPS_PER_ACTION + " is " + qps + ", above the vendor's limit of "
                    + VendorLimits.QUERIES_PER_SECOND + " queries per second per operation; lower it, or set " + QPS_ALLOW_ABOVE_VENDOR_LIMIT
                    + "=true if your account's quota was raised");
        }
        if (getLong(RETRY_BACKOFF_MAX_MS) < getLong(RETRY_BACKOFF_INITIAL_MS)) {
            problems.add(RETRY_BACKOFF_MAX_MS + " must not be smaller than " + RETRY_BACKOFF_INITIAL_MS);
        }
        if (jobIds().isEmpty() && !discoveryEnabled()) {
            problems.add(JOB_IDS + " is empty and neither " + PRODUCT_KEYS + " nor " + FIRMWARE_IDS + " is set: "
                    + "list the IDs of the OTA jobs to follow, or the products or firmware whose jobs to discover");
        }
        if (jobTopic().equals(taskTopic())) {
            problems.add(JOB_TOPIC + " and " + TASK_TOPIC + " must differ (both are '" + jobTopic() + "')");
        }
        if (pushEnabled()) {
            problems.addAll(pushProblems());
        }
        return problems;
    }

    public List<String> jobIds() {
        return trimmedList(JOB_IDS);
    }

    public List<String> productKeys() {
        return trimmedList(PRODUCT_KEYS);
    }

    public List<String> firmwareIds() {
        return trimmedList(FIRMWARE_IDS);
    }

    /** Whether jobs are discovered from product keys or firmware IDs (else only {@link #jobIds()} are followed). */
    public boolean discoveryEnabled() {
        return !productKeys().isEmpty() || !firmwareIds().isEmpty();
    }

    public Duration discoveryInterval() {
        return Duration.ofMillis(getLong(DISCOVERY_INTERVAL_MS));
    }

    /** How old a finished discovered job may be and still be followed; {@link Duration#ZERO} means any age. */
    public Duration discoveryBackfillHorizon() {
        return Duration.ofMillis(getLong(DISCOVERY_BACKFILL_HORIZON_MS));
    }

    private List<String> trimmedList(String key) {
        return getList(key).stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    public String regionId() {
        return getString(REGION_ID);
    }

    /** The API endpoint: the explicit URL if given, otherwise the region's HTTPS endpoint. */
    public URI endpoint() {
        String explicit = getString(ENDPOINT_URL).trim();
        return explicit.isEmpty() ? Endpoints.forRegion(regionId()) : Endpoints.parse(explicit);
    }

    public String accessKeyId() {
        return getString(ACCESS_KEY_ID).trim();
    }

    public Password accessKeySecret() {
        return getPassword(ACCESS_KEY_SECRET);
    }

    /** The STS token, or null when the credentials are long-lived. */
    public Password securityToken() {
        Password token = getPassword(SECURITY_TOKEN);
        return token == null || token.value().isEmpty() ? null : token;
    }

    /** The IoT instance ID, or null for the public instance. */
    public String iotInstanceId() {
        String id = getString(IOT_INSTANCE_ID).trim();
        return id.isEmpty() ? null : id;
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS));
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getInt(HTTP_REQUEST_TIMEOUT_MS));
    }

    public StartMode startMode() {
        return StartMode.fromConfig(getString(START_MODE));
    }

    public FinishedJobPolicy finishedJobPolicy() {
        return FinishedJobPolicy.fromConfig(getString(FINISHED_JOBS));
    }

    public String jobTopic() {
        String topic = getString(JOB_TOPIC).trim();
        return topic.isEmpty() ? getString(TOPIC_PREFIX) + ".jobs" : topic;
    }

    public String taskTopic() {
        String topic = getString(TASK_TOPIC).trim();
        return topic.isEmpty() ? getString(TOPIC_PREFIX) + ".tasks" : topic;
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public Duration plannedJobCheckInterval() {
        return Duration.ofMillis(getLong(PLANNED_JOB_CHECK_INTERVAL_MS));
    }

    public Duration lookback() {
        return Duration.ofMillis(getLong(LOOKBACK_MS));
    }

    public double qpsPerAction() {
        return getDouble(QPS_PER_ACTION);
    }

    public int pageSize() {
        return getInt(PAGE_SIZE);
    }

    public int retryMaxAttempts() {
        return getInt(RETRY_MAX_ATTEMPTS);
    }

    public Duration retryBackoffInitial() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_INITIAL_MS));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS));
    }

    public int offsetRecentMaxEntries() {
        return getInt(OFFSET_RECENT_MAX_ENTRIES);
    }

    public boolean pushEnabled() {
        return getBoolean(PUSH_ENABLED);
    }

    /** The AMQP endpoint: the explicit one, else the instance's; null if neither is known. */
    public URI pushEndpoint() {
        String explicit = getString(PUSH_ENDPOINT).trim();
        if (!explicit.isEmpty()) {
            return AmqpEndpoint.parse(explicit);
        }
        return iotInstanceId() == null ? null : AmqpEndpoint.forInstance(iotInstanceId());
    }

    public List<String> pushConsumerGroups() {
        return trimmedList(PUSH_CONSUMER_GROUPS);
    }

    /** The connector's own consumer group for job status messages, or null. */
    public String pushDiscoveryConsumerGroup() {
        String group = getString(PUSH_DISCOVERY_CONSUMER_GROUP).trim();
        return group.isEmpty() ? null : group;
    }

    public String pushClientIdPrefix() {
        return getString(PUSH_CLIENT_ID_PREFIX).trim();
    }

    public Duration pushPollInterval() {
        return Duration.ofMillis(getLong(PUSH_POLL_INTERVAL_MS));
    }

    public Duration pushReadLinger() {
        return Duration.ofMillis(getLong(PUSH_READ_LINGER_MS));
    }

    public double pushCallBudgetRatio() {
        return getDouble(PUSH_CALL_BUDGET_RATIO);
    }

    public Duration pushIdleTimeout() {
        return Duration.ofMillis(getLong(PUSH_IDLE_TIMEOUT_MS));
    }

    public Duration pushReconnectBackoffMax() {
        return Duration.ofMillis(getLong(PUSH_RECONNECT_BACKOFF_MAX_MS));
    }

    /** The trust store path, or null for the JVM's default trust. */
    public String pushTruststoreLocation() {
        String location = getString(PUSH_TRUSTSTORE_LOCATION).trim();
        return location.isEmpty() ? null : location;
    }

    public Password pushTruststorePassword() {
        return getPassword(PUSH_TRUSTSTORE_PASSWORD);
    }

    private List<String> pushProblems() {
        List<String> problems = new ArrayList<>();
        if (pushEndpoint() == null) {
            problems.add(PUSH_ENABLED + " is true but neither " + PUSH_ENDPOINT + " nor " + IOT_INSTANCE_ID + " is set: "
                    + "give the AMQP endpoint shown in the console (Instance overview > Endpoint > AMQP)");
        }
        List<String> groups = pushConsumerGroups();
        if (groups.isEmpty()) {
            problems.add(PUSH_ENABLED + " is true but " + PUSH_CONSUMER_GROUPS + " is empty: create a consumer group "
                    + "per task in the console, subscribe it to the OTA update status and OTA job status messages, and "
                    + "list the groups here");
        }
        Object tasksMax = originals().get("tasks.max");
        if (tasksMax != null && !groups.isEmpty()) {
            try {
                int tasks = Integer.parseInt(tasksMax.toString().trim());
                if (tasks > groups.size()) {
                    problems.add(PUSH_CONSUMER_GROUPS + " lists " + groups.size() + " consumer group(s) but tasks.max is "
                            + tasks + ": each task needs a group of its own (a group spreads its messages over its "
                            + "clients, not by job, so a shared group would hand one task's messages to another); "
                            + "add groups or lower tasks.max");
                }
            } catch (NumberFormatException e) {
                // tasks.max is the worker's to validate
            }
        }
        String discoveryGroup = pushDiscoveryConsumerGroup();
        if (discoveryGroup != null) {
            if (!CONSUMER_GROUP_PATTERN.matcher(discoveryGroup).matches()) {
                problems.add(PUSH_DISCOVERY_CONSUMER_GROUP + " '" + discoveryGroup + "' is not a consumer group ID: "
                        + "expected 4 to 64 letters, digits, '-' or '_'");
            } else if (groups.contains(discoveryGroup)) {
                problems.add(PUSH_DISCOVERY_CONSUMER_GROUP + " must not be one of " + PUSH_CONSUMER_GROUPS
                        + ": the connector and a task would take each other's messages");
            } else if (!discoveryEnabled()) {
                problems.add(PUSH_DISCOVERY_CONSUMER_GROUP + " is set but discovery is off: set " + PRODUCT_KEYS
                        + " or " + FIRMWARE_IDS + ", or leave it empty");
            }
        }
        if (getLong(PUSH_POLL_INTERVAL_MS) < getLong(POLL_INTERVAL_MS)) {
            problems.add(PUSH_POLL_INTERVAL_MS + " (" + getLong(PUSH_POLL_INTERVAL_MS) + ") is shorter than "
                    + POLL_INTERVAL_MS + " (" + getLong(POLL_INTERVAL_MS) + "): polling with push on would cost more "
                    + "than without it");
        }
        return problems;
    }

    /** How a job new to the connector starts. */
    public enum StartMode {
        SNAPSHOT, CHANGES;

        String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String[] configValues() {
            return java.util.Arrays.stream(values()).map(StartMode::configValue).toArray(String[]::new);
        }

        static StartMode fromConfig(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** What happens to a job once nothing in it can change any more. */
    public enum FinishedJobPolicy {
        STOP, WATCH;

        String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String[] configValues() {
            return java.util.Arrays.stream(values()).map(FinishedJobPolicy::configValue).toArray(String[]::new);
        }

        static FinishedJobPolicy fromConfig(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    static final class RegionValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String region = value == null ? "" : value.toString().trim();
            if (!Endpoints.isRegionId(region)) {
                throw new ConfigException(name, value, "expected a region ID such as cn-shanghai or ap-southeast-1");
            }
        }

        @Override
        public String toString() {
            return "a region ID such as cn-shanghai";
        }
    }

    /**
     * An endpoint checked by its parser in {@code api/} or {@code push/}. Not the (name, value, message) form of
     * ConfigException: the value may hold a password in its user info.
     */
    static final class EndpointValidator implements ConfigDef.Validator {
        private final Consumer<String> parser;
        private final String expected;

        EndpointValidator(Consumer<String> parser, String expected) {
            this.parser = parser;
            this.expected = expected;
        }

        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (text.isEmpty()) {
                return;
            }
            try {
                parser.accept(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + ": " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return expected;
        }
    }

    /** A comma-separated list of vendor IDs; catches pasted URLs, quotes and whitespace early. */
    static final class IdListValidator implements ConfigDef.Validator {
        private final Pattern pattern;
        private final String what;
        private final String where;

        IdListValidator(Pattern pattern, String what, String where) {
            this.pattern = pattern;
            this.what = what;
            this.where = where;
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof List<?> list)) {
                return;
            }
            for (Object item : list) {
                String id = item == null ? "" : item.toString().trim();
                if (!id.isEmpty() && !pattern.matcher(id).matches()) {
                    throw new ConfigException(name, value, "'" + id + "' is not a " + what + ": expected 4 to 64 "
                            + "letters, digits, '-' or '_', " + where);
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated " + what + "s (letters, digits, '-', '_')";
        }
    }

    static final class TopicNameValidator implements ConfigDef.Validator {
        private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._\\-]{1,249}");

        @Override
        public void ensureValid(String name, Object value) {
            String topic = value == null ? "" : value.toString().trim();
            if (topic.isEmpty() && !name.equals(TOPIC_PREFIX)) {
                return;
            }
            if (!LEGAL.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                throw new ConfigException(name, value, "not a legal Kafka topic name (letters, digits, '.', "
                        + "'_', '-'; at most 249 characters)");
            }
        }

        @Override
        public String toString() {
            return "a legal Kafka topic name";
        }
    }

    static final class NonEmptyPassword implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value instanceof Password password && password.value().trim().isEmpty()) {
                // The value itself is never echoed: ConfigException with a value would print it.
                throw new ConfigException(name + " must not be empty");
            }
        }

        @Override
        public String toString() {
            return "non-empty";
        }
    }
}
