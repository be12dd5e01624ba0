package io.github.otaconnect.quickstart;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ./quickstart.sh} was asked to do. Without {@code --endpoint}/{@code --region} it runs the OTA API
 * simulator; without {@code --bootstrap-servers}/{@code --connect-url} it runs its own broker and worker.
 *
 * @param duration          how long to watch after the connector is deployed; empty: until Ctrl-C
 * @param refresh           how often the watcher redraws
 * @param endpoint          explicit vendor API endpoint (real API)
 * @param region            vendor region, such as cn-shanghai (real API)
 * @param bootstrapServers  an existing Kafka cluster
 * @param connectUrl        an existing Connect cluster's REST API
 * @param jobIds            the jobs to follow; empty: all of the simulator's
 * @param devices           size of the simulated rollout
 * @param push              the simulator runs a push broker and the connector subscribes to it (simulator only)
 * @param accessKeyId       from OTA_ACCESS_KEY_ID (real API only)
 * @param accessKeySecret   from OTA_ACCESS_KEY_SECRET (real API only), never printed
 */
public record QuickstartOptions(Optional<Duration> duration, Duration refresh, Optional<URI> endpoint,
                                Optional<String> region, Optional<String> bootstrapServers, Optional<URI> connectUrl,
                                List<String> jobIds, int devices, boolean push, Optional<String> accessKeyId,
                                Optional<String> accessKeySecret) {

    public static final String ACCESS_KEY_ID_VARIABLE = "OTA_ACCESS_KEY_ID";
    public static final String ACCESS_KEY_SECRET_VARIABLE = "OTA_ACCESS_KEY_SECRET";

    private static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);
    private static final int DEFAULT_DEVICES = 5000;

    /** The vendor's API rather than the simulator. */
    public boolean usesRealApi() {
        return endpoint.isPresent() || region.isPresent();
    }

    /**
     * The connector subscribes to the simulator's push broker. Against the real API the quickstart cannot know
     * the instance's consumer groups, so it polls only.
     */
    public boolean usesPush() {
        return push && !usesRealApi();
    }

    /** An existing Kafka and Connect cluster rather than our own processes. */
    public boolean usesExistingCluster() {
        return connectUrl.isPresent();
    }

    /**
     * @param environment where the credentials come from (the process environment)
     * @throws IllegalArgumentException with a message for the user
     */
    public static QuickstartOptions parse(List<String> args, Map<String, String> environment) {
        Optional<Duration> duration = Optional.empty();
        Duration refresh = DEFAULT_REFRESH;
        Optional<URI> endpoint = Optional.empty();
        Optional<String> region = Optional.empty();
        Optional<String> bootstrapServers = Optional.empty();
        Optional<URI> connectUrl = Optional.empty();
        List<String> jobIds = List.of();
        Integer devices = null;
        boolean push = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--no-push")) {
                push = false;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!List.of("--duration", "--refresh", "--endpoint", "--region", "--bootstrap-servers", "--connect-url",
                    "--job-ids", "--devices").contains(name)) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--duration" -> duration = Optional.of(seconds(name, value));
                case "--refresh" -> refresh = seconds(name, value);
                case "--endpoint" -> endpoint = Optional.of(httpUrl(name, value));
                case "--region" -> region = Optional.of(text(name, value));
                case "--bootstrap-servers" -> bootstrapServers = Optional.of(text(name, value));
                case "--connect-url" -> connectUrl = Optional.of(httpUrl(name, value));
                case "--job-ids" -> jobIds = jobIds(value);
                case "--devices" -> devices = positive(name, value);
                default -> throw new IllegalStateException(name);
            }
        }
        if (bootstrapServers.isPresent() != connectUrl.isPresent()) {
            throw new IllegalArgumentException("--bootstrap-servers and --connect-url go together: both name the"
                    + " existing cluster to deploy to and watch");
        }
        boolean realApi = endpoint.isPresent() || region.isPresent();
        Optional<String> accessKeyId = Optional.empty();
        Optional<String> accessKeySecret = Optional.empty();
        if (realApi) {
            if (devices != null) {
                throw new IllegalArgumentException("--devices sizes the simulator; it has no meaning with --endpoint"
                        + " or --region");
            }
            if (jobIds.isEmpty()) {
                throw new IllegalArgumentException("--job-ids is required with --endpoint or --region: the OTA job"
                        + " IDs (batch IDs) to follow");
            }
            accessKeyId = Optional.ofNullable(environment.get(ACCESS_KEY_ID_VARIABLE)).filter(s -> !s.isBlank());
            accessKeySecret = Optional.ofNullable(environment.get(ACCESS_KEY_SECRET_VARIABLE))
                    .filter(s -> !s.isBlank());
            if (accessKeyId.isEmpty() || accessKeySecret.isEmpty()) {
                throw new IllegalArgumentException("set " + ACCESS_KEY_ID_VARIABLE + " and "
                        + ACCESS_KEY_SECRET_VARIABLE
                        + " to the AccessKey of a RAM user allowed iot:QueryOTAJob and iot:ListOTATaskByJob");
            }
        }
        return new QuickstartOptions(duration, refresh, endpoint, region, bootstrapServers, connectUrl, jobIds,
                devices == null ? DEFAULT_DEVICES : devices, push, accessKeyId, accessKeySecret);
    }

    @Override
    public String toString() {
        // a record's default toString would print the secret
        return "QuickstartOptions[duration=" + duration + ", endpoint=" + endpoint + ", region=" + region
                + ", bootstrapServers=" + bootstrapServers + ", connectUrl=" + connectUrl + ", jobIds=" + jobIds
                + ", devices=" + devices + ", push=" + push + ", accessKeyId=" + accessKeyId + "]";
    }

    private static Duration seconds(String name, String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (seconds > 0 && seconds <= Duration.ofDays(365).toSeconds()) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " takes a positive number of seconds, not '" + value + "'");
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " takes a positive whole number, not '" + value + "'");
    }

    private static URI httpUrl(String name, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " takes an http(s) URL, not '" + value + "'");
    }

    private static String text(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value.trim();
    }

    private static List<String> jobIds(String value) {
        List<String> ids = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(id -> !id.isEmpty()).forEach(ids::add);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("--job-ids takes a comma-separated list of job IDs");
        }
        return List.copyOf(ids);
    }
}
