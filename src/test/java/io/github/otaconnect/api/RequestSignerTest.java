package io.github.otaconnect.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestSignerTest {

    /** The vendor's published worked example (alibaba-ota-api.md). */
    private static Map<String, String> workedExample() {
        Map<String, String> p = new HashMap<>();
        p.put("AccessKeyId", "testid");
        p.put("Action", "DescribeRegions");
        p.put("Format", "XML");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        p.put("SignatureVersion", "1.0");
        p.put("Timestamp", "2016-02-23T12:46:24Z");
        p.put("Version", "2014-05-26");
        return p;
    }

    @Test
    void workedExampleStringToSign() {
        assertEquals("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
                        + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
                        + "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
                RequestSigner.stringToSign("GET", workedExample()));
    }

    @Test
    void workedExampleSignature() {
        assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RequestSigner.sign("GET", workedExample(), "testsecret"));
    }

    @Test
    void signatureParameterIsNotSigned() {
        Map<String, String> withSignature = workedExample();
        withSignature.put("Signature", "anything");
        assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RequestSigner.sign("GET", withSignature, "testsecret"));
    }

    @Test
    void insertionOrderDoesNotMatter() {
        Map<String, String> reversed = new LinkedHashMap<>();
        workedExample().entrySet().stream()
                .sorted(Map.Entry.<String, String>comparingByKey().reversed())
                .forEach(e -> reversed.put(e.getKey(), e.getValue()));
        assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RequestSigner.sign("GET", reversed, "testsecret"));
    }

    @Test
    void signatureDependsOnSecretAndMethod() {
        String good = RequestSigner.sign("GET", workedExample(), "testsecret");
        assertNotEquals(good, RequestSigner.sign("GET", workedExample(), "testsecreT"));
        assertNotEquals(good, RequestSigner.sign("POST", workedExample(), "testsecret"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "a b|a%20b",
            "*|%2A",
            "~|~",
            "-_.~|-_.~",
            "AZaz09|AZaz09",
            "+|%2B",
            "/|%2F",
            ":|%3A",
            "=&|%3D%26",
            "%|%25",
            "é|%C3%A9",
            "中|%E4%B8%AD",
            "😀|%F0%9F%98%80",
            "\"\"|\"\"",
    })
    void percentEncode(String raw, String encoded) {
        assertEquals(encoded, RequestSigner.percentEncode(raw));
    }

    @Test
    void canonicalQuerySortsByEncodedNameAndEncodesValues() {
        Map<String, String> p = new HashMap<>();
        p.put("b", "x y");
        p.put("a*", "1");
        p.put("a", "*");
        p.put("DeviceNames.10", "d10");
        p.put("DeviceNames.2", "d2");
        // byte order: '%' (0x25) < '.' < digits < upper < lower; "a%2A" sorts after "a"
        assertEquals("DeviceNames.10=d10&DeviceNames.2=d2&a=%2A&a%2A=1&b=x%20y", RequestSigner.canonicalQuery(p));
    }

    @Test
    void nonAsciiValuesAreSignedAsUtf8() {
        Map<String, String> p = workedExample();
        p.put("TaskDesc", "升级 ok*");
        assertEquals(true, RequestSigner.stringToSign("GET", p).contains("TaskDesc%3D%25E5%258D%2587%25E7%25BA%25A7%2520ok%252A"));
    }

    @Test
    void nullValueIsRejectedWithoutEchoingIt() {
        Map<String, String> p = workedExample();
        p.put("SecurityToken", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestSigner.sign("GET", p, "testsecret"));
        assertEquals("parameter SecurityToken has no name or value", e.getMessage());
    }
}
