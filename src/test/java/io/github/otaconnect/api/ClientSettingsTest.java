package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientSettingsTest {

    private static ClientSettings.Builder minimal() {
        return ClientSettings.builder().regionId("cn-shanghai").credentials(Credentials.of("id", "secret"));
    }

    @Test
    void defaults() {
        ClientSettings s = minimal().build();
        assertEquals(URI.create("https://iot.cn-shanghai.aliyuncs.com/"), s.endpoint());
        assertEquals("cn-shanghai", s.regionId());
        assertNull(s.iotInstanceId());
        assertEquals(10.0, s.queriesPerSecond());
        assertEquals(1, s.rateLimitBurst());
        assertEquals(Duration.ofSeconds(5), s.connectTimeout());
        assertEquals(Duration.ofSeconds(15), s.requestTimeout());
        assertEquals(5, s.maxAttempts());
        assertEquals(Duration.ofMillis(200), s.initialBackoff());
        assertEquals(Duration.ofSeconds(30), s.maxBackoff());
        assertEquals(Duration.ofSeconds(1), s.throttleBackoff());
        assertTrue(s.throttleBackoff().compareTo(s.initialBackoff()) > 0);
        assertEquals(16 * 1024 * 1024, s.maxResponseBytes());
        assertEquals(Clock.systemUTC(), s.clock());
        double j = s.jitter().getAsDouble();
        assertTrue(j >= 0 && j < 1);
    }

    @Test
    void explicitEndpointWinsOverRegionAndBlankValuesAreUnset() {
        ClientSettings s = minimal().endpoint(URI.create("http://127.0.0.1:8080")).iotInstanceId("  ").build();
        assertEquals(URI.create("http://127.0.0.1:8080/"), s.endpoint());
        assertEquals("cn-shanghai", s.regionId());
        assertNull(s.iotInstanceId());
        ClientSettings noRegion = minimal().regionId(" ").endpoint(URI.create("https://proxy.example/iot/")).build();
        assertNull(noRegion.regionId());
        assertEquals(URI.create("https://proxy.example/iot/"), noRegion.endpoint());
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.builder()
                .credentials(Credentials.of("id", "s")).build(), "no region, no endpoint");
        assertThrows(NullPointerException.class, () -> ClientSettings.builder().regionId("cn-shanghai").build());
        assertThrows(IllegalArgumentException.class, () -> minimal().queriesPerSecond(0).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().queriesPerSecond(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().maxAttempts(0).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().rateLimitBurst(0).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().connectTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().requestTimeout(Duration.ofSeconds(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().initialBackoff(Duration.ofSeconds(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().maxResponseBytes(0).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().regionId("cn-shanghai.evil.com/x").build());
    }

    @Test
    void credentialsValidation() {
        assertThrows(IllegalArgumentException.class, () -> Credentials.of(" ", "s"));
        assertThrows(IllegalArgumentException.class, () -> Credentials.of("id", ""));
        assertThrows(IllegalArgumentException.class, () -> Credentials.of("id", null));
        assertNull(new Credentials("id", "s", " ").securityToken());
        assertFalse(new Credentials("id", "s", "").hasSecurityToken());
        assertTrue(new Credentials("id", "s", "t").hasSecurityToken());
    }

    @Test
    void regionEndpoints() {
        assertEquals(URI.create("https://iot.cn-shanghai.aliyuncs.com/"), Endpoints.forRegion("cn-shanghai"));
        assertEquals(URI.create("https://iot.ap-southeast-1.aliyuncs.com/"), Endpoints.forRegion("ap-southeast-1"));
        assertEquals(URI.create("https://iot.cn-hangzhou-finance.aliyuncs.com/"),
                Endpoints.forRegion("cn-hangzhou-finance"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CN-SHANGHAI", "cn_shanghai", "cn-shanghai.evil.com", "cn shanghai", "-cn", "cn-",
        "shanghai", "1-east", "c-east-1"})
    void badRegionsAreRefused(String region) {
        assertThrows(IllegalArgumentException.class, () -> Endpoints.forRegion(region));
        assertFalse(Endpoints.isRegionId(region));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host/", "/relative/path", "host:8080", "https:///nohost", "http://user:pw@host/",
            "https://host/?q=1", "https://host/#frag", "mailto:someone@example.com", "ftp://user:pw@host/",
            "https://host:0/", "https://host:65536/"})
    void badEndpointsAreRefused(String endpoint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Endpoints.validate(URI.create(endpoint)));
        assertFalse(e.getMessage().contains("pw"), "user info is never echoed");
        assertThrows(IllegalArgumentException.class, () -> Endpoints.parse(endpoint));
    }

    @Test
    void textThatIsNoUriIsRefusedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Endpoints.parse("https://admin:hunt er2@host/"));
        assertTrue(e.getMessage().startsWith("not a valid URL"), e.getMessage());
        assertFalse(e.getMessage().contains("hunt"), e.getMessage());
    }

    @Test
    void goodEndpointsAreNormalised() {
        assertEquals(URI.create("https://iot.cn-shanghai.aliyuncs.com/"),
                Endpoints.validate(URI.create("https://iot.cn-shanghai.aliyuncs.com")));
        assertEquals(URI.create("HTTP://127.0.0.1:1/"), Endpoints.validate(URI.create("HTTP://127.0.0.1:1/")));
        assertThrows(IllegalArgumentException.class, () -> Endpoints.validate(null));
    }
}
