package io.github.otaconnect.api;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Transport} that plays back scripted replies and records every request it was given. */
final class ScriptedTransport implements Transport {

    /** One scripted step: a response, or something to throw. */
    interface Step {
        RawResponse run(String action) throws InterruptedException;
    }

    private final Deque<Step> script = new ArrayDeque<>();
    private Step fallback;
    final List<URI> requests = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    ScriptedTransport reply(RawResponse response) {
        script.add(action -> response);
        return this;
    }

    ScriptedTransport reply(int status, String body) {
        return reply(VendorSamples.response(status, body));
    }

    ScriptedTransport then(Step step) {
        script.add(step);
        return this;
    }

    ScriptedTransport always(RawResponse response) {
        fallback = action -> response;
        return this;
    }

    @Override
    public synchronized RawResponse get(String action, URI uri, Duration timeout) throws InterruptedException {
        requests.add(uri);
        Step step = script.isEmpty() ? fallback : script.poll();
        if (step == null) {
            throw new AssertionError("no scripted reply left for " + action);
        }
        return step.run(action);
    }

    /** The decoded query parameters of request {@code i}. */
    Map<String, String> params(int i) {
        return decode(requests.get(i));
    }

    static Map<String, String> decode(URI uri) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        closed = true;
    }
}
