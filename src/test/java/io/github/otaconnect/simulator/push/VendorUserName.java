package io.github.otaconnect.simulator.push;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
  * The AMQP SASL PLAIN user name the vendor specifies:
  * {@code clientId|key=value,key=value,...|}, the keys in any order (the vendor's page and its demos order
  * them differently). Parsing only splits; {@link AksignVerifier} judges the values.
  */
public record VendorUserName(String clientId, Map<String, String> params) {

    public VendorUserName {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public Optional<String> param(String key) {
        return Optional.ofNullable(params.get(key));
    }

    /** Empty with a reason when the text is not of the form above. */
    public static ParseResult parse(String userName) {
        if (userName == null || userName.isEmpty()) {
            return ParseResult.failure("no user name");
        }
        int first = userName.indexOf('|');
        if (first < 0 || !userName.endsWith("|") || first == userName.length() - 1) {
            return ParseResult.failure("user name is not clientId|params|");
        }
        String clientId = userName.substring(0, first);
        String body = userName.substring(first + 1, userName.length() - 1);
        if (body.indexOf('|') >= 0) {
            return ParseResult.failure("user name has more than two '|'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return ParseResult.failure("malformed parameter '" + pair + "'");
            }
            String key = pair.substring(0, eq);
            if (params.put(key, pair.substring(eq + 1)) != null) {
                return ParseResult.failure("parameter " + key + " given twice");
            }
        }
        return new ParseResult(Optional.of(new VendorUserName(clientId, params)), null);
    }

    /** The parsed name, or the reason it could not be parsed. */
    public record ParseResult(Optional<VendorUserName> name, String failure) {
        static ParseResult failure(String reason) {
            return new ParseResult(Optional.empty(), reason);
        }
    }
}
