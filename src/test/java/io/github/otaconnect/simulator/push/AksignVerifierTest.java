package io.github.otaconnect.simulator.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AksignVerifierTest {

    private static final Instant NOW = Instant.parse("2024-05-06T08:00:00Z");
    private static final long TS = NOW.toEpochMilli();
    private static final VendorAmqpLogin LOGIN = VendorAmqpLogin.of("client-1", "ak", "sk", "g1");

    private final AksignVerifier verifier = verifier(null);

    private static AksignVerifier verifier(String instance) {
        return new AksignVerifier(id -> id.equals("ak") ? Optional.of("sk") : Optional.empty(), Set.of("g1"),
                instance, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));
    }

    private String refusal(String user, String password) {
        AksignVerifier.Verdict verdict = verifier.verify(user, password);
        assertFalse(verdict.accepted(), "expected a refusal of " + user);
        return verdict.reason();
    }

    @Test
    void theVendorsExampleSignatureIsReproduced() {
        // HMAC-SHA1 of "authId=ak&timestamp=1573489088171" with key "sk", Base64; computed independently with openssl
        assertEquals("xT4uAtBX49q9xnm0fxqqoiqyySA=",
                AmqpPasswordSigner.sign("hmacsha1", "sk", "authId=ak&timestamp=1573489088171"));
    }

    @Test
    void aCorrectLoginIsAcceptedWhateverTheKeyOrder() {
        AksignVerifier.Verdict verdict = verifier.verify(LOGIN.userName(TS), LOGIN.password(TS));
        assertTrue(verdict.accepted(), verdict.reason());
        assertEquals("g1", verdict.consumerGroupId());
        String reordered = "client-1|iotInstanceId=,authMode=aksign,signMethod=hmacsha256,consumerGroupId=g1,"
                + "authId=ak,timestamp=" + TS + "|";
        assertTrue(verifier.verify(reordered, LOGIN.withSignMethod("hmacsha256").password(TS)).accepted());
    }

    @Test
    void signMethodNamesAreComparedWithoutCase() {
        VendorAmqpLogin login = LOGIN.withSignMethod("Hmacsha1");
        assertTrue(verifier.verify(login.userName(TS), login.password(TS)).accepted());
    }

    @Test
    void everyWrongPartIsRefusedWithItsReason() {
        assertTrue(refusal(LOGIN.userName(TS), LOGIN.withSecret("other").password(TS)).contains("password"));
        VendorAmqpLogin unknownKey = new VendorAmqpLogin("c", "nope", "sk", "g1", null, "hmacsha1");
        assertTrue(refusal(unknownKey.userName(TS), unknownKey.password(TS)).contains("unknown AccessKey"));
        long stale = TS - Duration.ofMinutes(6).toMillis();
        assertTrue(refusal(LOGIN.userName(stale), LOGIN.password(stale)).contains("timestamp"));
        long future = TS + Duration.ofMinutes(6).toMillis();
        assertTrue(refusal(LOGIN.userName(future), LOGIN.password(future)).contains("timestamp"));
        VendorAmqpLogin otherGroup = LOGIN.withGroup("g2");
        assertTrue(refusal(otherGroup.userName(TS), otherGroup.password(TS)).contains("consumerGroupId"));
        VendorAmqpLogin md4 = LOGIN.withSignMethod("hmacmd4");
        assertTrue(refusal(md4.userName(TS), "x").contains("signMethod"));
        String sts = LOGIN.userName(TS).replace("authMode=aksign", "authMode=ststoken");
        assertTrue(refusal(sts, LOGIN.password(TS)).contains("authMode"));
        // the timestamp in the user name is the one signed: a password for another instant does not pass
        assertTrue(refusal(LOGIN.userName(TS), LOGIN.password(TS + 1)).contains("password"));
    }

    @Test
    void malformedUserNamesAreRefused() {
        assertTrue(refusal("client|authMode=aksign", "x").contains("clientId|params|"));
        assertTrue(refusal("client|authMode=aksign,authMode=aksign|", "x").contains("twice"));
        assertTrue(refusal("client|authMode|", "x").contains("malformed"));
        assertTrue(refusal("a".repeat(65) + "|authMode=aksign|", "x").contains("64"));
        assertTrue(refusal(null, "x").contains("no user name"));
    }

    @Test
    void theInstanceMustMatchWhenTheSimulatorHasOne() {
        AksignVerifier withInstance = verifier("iot-cn-1");
        VendorAmqpLogin right = LOGIN.withIotInstanceId("iot-cn-1");
        assertTrue(withInstance.verify(right.userName(TS), right.password(TS)).accepted());
        assertFalse(withInstance.verify(LOGIN.userName(TS), LOGIN.password(TS)).accepted());
        assertFalse(verifier.verify(right.userName(TS), right.password(TS)).accepted());
    }
}
