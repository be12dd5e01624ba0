package io.github.otaconnect.api;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where the IoT Platform API lives, and what counts as a usable endpoint. */
public final class Endpoints {

    /** Region IDs are lower-case words joined by dashes; anything else could redirect calls to another host. */
    private static final Pattern REGION_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Endpoints() {
    }

    /** The public endpoint of a region, e.g. {@code cn-shanghai} → {@code https://iot.cn-shanghai.aliyuncs.com/}. */
    public static URI forRegion(String regionId) {
        if (regionId == null || !REGION_ID.matcher(regionId).matches()) {
            throw new IllegalArgumentException("not a region ID: '" + regionId + "' (expected e.g. cn-shanghai)");
        }
        return URI.create("https://iot." + regionId + ".aliyuncs.com/");
    }

    /**
     * Checks an explicitly configured endpoint and normalizes an empty path to {@code /}. Plain http is
     * accepted here because it is only ever configured on purpose (a local simulator or a test proxy).
     *
     * @throws IllegalArgumentException when the URI is not absolute http(s) with a host, or carries user info,
     *                                  a query or a fragment (the client builds the query itself)
     */
    public static URI validate(URI endpoint) {
        if (endpoint == null) {
            throw new IllegalArgumentException("the endpoint must not be null");
        }
        String scheme = endpoint.getScheme() == null ? null : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!endpoint.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("the endpoint must be an absolute http or https URL, e.g."
                    + " https://iot.cn-shanghai.aliyuncs.com/, was: " + endpoint);
        }
        if (endpoint.getHost() == null || endpoint.getHost().isEmpty()) {
            throw new IllegalArgumentException("the endpoint has no host: " + endpoint);
        }
        if (endpoint.getRawUserInfo() != null) {
            // never echo it: user info is where people put passwords
            throw new IllegalArgumentException("the endpoint must not contain user info (user:password@)");
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new IllegalArgumentException("the endpoint must not have a query or fragment: " + endpoint);
        }
        String path = endpoint.getRawPath();
        if (path == null || path.isEmpty()) {
            return URI.create(endpoint + "/");
        }
        return endpoint;
    }
}
