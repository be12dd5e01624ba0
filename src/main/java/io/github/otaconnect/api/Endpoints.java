package io.github.otaconnect.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the IoT Platform API lives, and what counts as a usable endpoint: the one parser and validator of
 * region IDs and endpoint URLs, for the client's settings and the connector's configuration alike. No
 * message here repeats an endpoint's user info, where people put passwords.
 */
public final class Endpoints {

    /**
     * Alibaba Cloud region IDs: a lower-case area code, then lower-case words or numbers joined by dashes
     * ({@code cn-shanghai}, {@code ap-southeast-1}, {@code cn-hangzhou-finance}). The region becomes part of
     * a host name, so anything else could redirect calls to another host.
     */
    private static final Pattern REGION_ID = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");

    private Endpoints() {
    }

    /** Whether this is a well-formed region ID, such as {@code cn-shanghai} or {@code ap-southeast-1}. */
    public static boolean isRegionId(String regionId) {
        return regionId != null && REGION_ID.matcher(regionId).matches();
    }

    /** The public endpoint of a region, e.g. {@code cn-shanghai} → {@code https://iot.cn-shanghai.aliyuncs.com/}. */
    public static URI forRegion(String regionId) {
        if (!isRegionId(regionId)) {
            throw new IllegalArgumentException("not a region ID: '" + regionId + "' (expected e.g. cn-shanghai)");
        }
        return URI.create("https://iot." + regionId + ".aliyuncs.com/");
    }

    /**
     * Parses and checks an explicitly configured endpoint, see {@link #validate(URI)}.
     *
     * @throws IllegalArgumentException when the text is not a URI, or not a usable endpoint
     */
    public static URI parse(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            // the reason only: the input may hold user info
            throw new IllegalArgumentException("not a valid URL: " + e.getReason());
        }
        return validate(uri);
    }

    /**
     * Checks an explicitly configured endpoint and normalizes an empty path to {@code /}. Plain http is
     * accepted here because it is only ever configured on purpose (a local simulator or a test proxy).
     *
     * @throws IllegalArgumentException when the URI is not absolute http(s) with a host and a port in range, or
     *                                  carries user info, a query or a fragment (the client builds the query
     *                                  itself)
     */
    public static URI validate(URI endpoint) {
        if (endpoint == null) {
            throw new IllegalArgumentException("the endpoint must not be null");
        }
        if (endpoint.getRawUserInfo() != null) {
            // checked first, so that no message below echoes it
            throw new IllegalArgumentException("the endpoint must not contain user info (user:password@): the API "
                    + "authenticates with the AccessKey pair");
        }
        String scheme = endpoint.getScheme() == null ? null : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!endpoint.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("the endpoint must be an absolute http:// or https:// URL, e.g."
                    + " https://iot.cn-shanghai.aliyuncs.com/, was: " + endpoint);
        }
        if (endpoint.getHost() == null || endpoint.getHost().isEmpty()) {
            throw new IllegalArgumentException("the endpoint has no host: " + endpoint);
        }
        if (endpoint.getPort() == 0 || endpoint.getPort() > 65_535) {
            // else every call fails at run time and is retried forever as if the network were down
            throw new IllegalArgumentException("the port must be between 1 and 65535, was: " + endpoint);
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
