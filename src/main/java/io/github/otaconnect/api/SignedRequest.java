package io.github.otaconnect.api;

import java.net.URI;
import java.util.SortedMap;

/**
 * One signed attempt: the full URI to GET and the parameters in it. {@link #toString()} leaves out the
 * URI and the secret parameters, so the object is safe to log by accident.
 */
record SignedRequest(String action, URI uri, SortedMap<String, String> parameters) {

    String nonce() {
        return parameters.get("SignatureNonce");
    }

    @Override
    public String toString() {
        return "SignedRequest[" + action + ", nonce=" + nonce() + "]";
    }
}
