package io.github.otaconnect.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.otaconnect.api.Credentials;

class AmqpLoginTest {

    private static final Credentials CREDENTIALS = Credentials.of("LTAI4ExampleKey", "ExampleSecret123");
    private static final Instant NOW = Instant.ofEpochMilli(1_700_000_000_000L);

    @Test
    void theUserNameCarriesClientAccessKeyGroupAndInstance() {
        AmqpLogin login = AmqpLogin.sign(CREDENTIALS, "connect-ota-0", "group-A", "iot-06z00abc", NOW);
        assertEquals("connect-ota-0|authMode=aksign,signMethod=hmacsha1,timestamp=1700000000000,authId=LTAI4ExampleKey,"
                + "iotInstanceId=iot-06z00abc,consumerGroupId=group-A|", login.userName());
    }

    @Test
    void thePublicInstanceLeavesTheInstanceOut() {
        AmqpLogin login = AmqpLogin.sign(CREDENTIALS, "c", "g", "", NOW);
        assertEquals("c|authMode=aksign,signMethod=hmacsha1,timestamp=1700000000000,authId=LTAI4ExampleKey,"
                + "consumerGroupId=g|", login.userName());
    }

    @Test
    void thePasswordIsTheHmacOfAccessKeyIdAndTimestamp() {
        // computed outside Java: printf 'authId=LTAI4ExampleKey&timestamp=1700000000000'
        //   | openssl dgst -sha1 -hmac 'ExampleSecret123' -binary | base64
        assertEquals("ciXWZf24+EWIPo1oKo1AfM7zBWg=", AmqpLogin.sign(CREDENTIALS, "c", "g", null, NOW).password());
    }

    @Test
    void toStringHidesThePassword() {
        AmqpLogin login = AmqpLogin.sign(CREDENTIALS, "c", "g", null, NOW);
        assertFalse(login.toString().contains(login.password()));
        assertFalse(login.toString().contains("ExampleSecret123"));
    }
}
