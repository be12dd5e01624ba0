package io.github.otaconnect.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the AccessKey secret and the STS token out of text that leaves the client (exception messages,
 * log lines). Text from outside (vendor error messages, I/O error messages) can echo the request: the
 * vendor's {@code SignatureDoesNotMatch} message, for one, quotes its string-to-sign, which holds the token
 * percent-encoded twice. So each secret is masked raw and in every encoding the client produces.
 */
final class SecretRedactor {

    static final String MASK = "****";
    /** Request parameters that are never logged: the signature can be brute-forced offline, the token is a secret. */
    static final Set<String> SECRET_PARAMETERS = Set.of("Signature", "SecurityToken", "AccessKeySecret");

    private final List<String> forms;

    private SecretRedactor(List<String> forms) {
        this.forms = forms;
    }

    static SecretRedactor of(Credentials credentials) {
        List<String> forms = new ArrayList<>();
        addForms(forms, credentials.accessKeySecret());
        addForms(forms, credentials.securityToken());
        // longest first, so a raw secret inside an encoded form does not leave the rest of it behind
        forms.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretRedactor(List.copyOf(forms));
    }

    private static void addForms(List<String> forms, String secret) {
        if (secret == null || secret.isEmpty()) {
            return;
        }
        String once = RequestSigner.percentEncode(secret);
        for (String form : List.of(secret, once, RequestSigner.percentEncode(once),
                URLEncoder.encode(secret, StandardCharsets.UTF_8))) {
            if (!forms.contains(form)) {
                forms.add(form);
            }
        }
    }

    /** The text with every known form of every secret replaced by {@value #MASK}; {@code null} stays null. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String form : forms) {
            out = out.replace(form, MASK);
        }
        return out;
    }

    /** Request parameters for a log line: everything except {@link #SECRET_PARAMETERS}, sorted, scrubbed. */
    String loggable(Map<String, String> params) {
        return params.entrySet().stream()
                .filter(e -> !SECRET_PARAMETERS.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + scrub(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
