package io.github.otaconnect.simulator;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The accounts' AccessKey pairs, with their STS tokens and revocations. Thread-safe. */
final class AccessKeys {

  record Key(String accessKeyId, String secret, String account, String securityToken, boolean tokenExpired,
             boolean revoked) {
    boolean requiresToken() {
      return securityToken != null;
    }
  }

  private final ConcurrentHashMap<String, Key> keys = new ConcurrentHashMap<>();

  void add(String accessKeyId, String secret, String account) {
    keys.put(accessKeyId, new Key(accessKeyId, secret, account, null, false, false));
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  void requireToken(String accessKeyId, String token) {
    update(accessKeyId, k -> new Key(k.accessKeyId(), k.secret(), k.account(), token, false, k.revoked()));
  }

  void expireToken(String accessKeyId) {
    update(accessKeyId, k -> new Key(k.accessKeyId(), k.secret(), k.account(), k.securityToken(), true, k.revoked()));
  }

  void revoke(String accessKeyId) {
    update(accessKeyId, k -> new Key(k.accessKeyId(), k.secret(), k.account(), k.securityToken(), k.tokenExpired(), true));
  }

  void restore(String accessKeyId) {
    update(accessKeyId, k -> new Key(k.accessKeyId(), k.secret(), k.account(), k.securityToken(), k.tokenExpired(), false));
  }

  /** The key if it exists and is not revoked. */
  Optional<Key> active(String accessKeyId) {
    Key key = accessKeyId == null ? null : keys.get(accessKeyId);
    return key == null || key.revoked() ? Optional.empty() : Optional.of(key);
  }

  private void update(String accessKeyId, java.util.function.UnaryOperator<Key> change) {
    if (keys.computeIfPresent(accessKeyId, (id, k) -> change.apply(k)) == null) {
      throw new IllegalArgumentException("no AccessKey " + accessKeyId + " configured");
    }
  }
}
