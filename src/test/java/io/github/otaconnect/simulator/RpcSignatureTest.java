package io.github.otaconnect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcSignatureTest {

  /** The vendor's published worked example. */
  private static Map<String, String> workedExample() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Timestamp", "2016-02-23T12:46:24Z");
    params.put("Format", "XML");
    params.put("AccessKeyId", "testid");
    params.put("Action", "DescribeRegions");
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
    params.put("Version", "2014-05-26");
    params.put("SignatureVersion", "1.0");
    return params;
  }

  @Test
  void workedExampleStringToSign() {
    assertEquals("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
            + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
            + "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
        RpcSignature.stringToSign("GET", workedExample()));
  }

  @Test
  void workedExampleSignature() {
    assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RpcSignature.sign("GET", workedExample(), "testsecret"));
  }

  @Test
  void signatureParameterIsNotSigned() {
    Map<String, String> params = workedExample();
    params.put("Signature", "anything");
    assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RpcSignature.sign("GET", params, "testsecret"));
  }

  @Test
  void percentEncodingFollowsRfc3986NotFormEncoding() {
    assertEquals("a%20b", RpcSignature.percentEncode("a b"));
    assertEquals("%2A", RpcSignature.percentEncode("*"));
    assertEquals("~-_.", RpcSignature.percentEncode("~-_."));
    assertEquals("%2B%2F%3D%26%3A", RpcSignature.percentEncode("+/=&:"));
    assertEquals("%C3%A9%E4%B8%AD", RpcSignature.percentEncode("é中"));
    assertEquals("%F0%9F%98%80", RpcSignature.percentEncode("\uD83D\uDE00"));
  }

  @Test
  void sortsByEncodedNameInByteOrder() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("b", "1");
    params.put("B", "2");
    params.put("DeviceNames.10", "x");
    params.put("DeviceNames.2", "y");
    params.put("a b", "3");
    assertEquals("B=2&DeviceNames.10=x&DeviceNames.2=y&a%20b=3&b=1", RpcSignature.canonicalizedQuery(params));
  }

  @Test
  void methodAndSecretChangeTheSignature() {
    String get = RpcSignature.sign("GET", workedExample(), "testsecret");
    assertNotEquals(get, RpcSignature.sign("POST", workedExample(), "testsecret"));
    assertNotEquals(get, RpcSignature.sign("GET", workedExample(), "testsecreT"));
  }

  @Test
  void agreesWithTheTestClientsIndependentEncoderOnAwkwardValues() {
    Map<String, String> params = workedExample();
    params.put("DeviceNames.1", "dev ice*~+/é中😀%20");
    params.put("TaskStatus", "IN_PROGRESS");
    params.put("Weird=Name&", "value=with&separators");
    assertEquals(SigningTestClient.signature("GET", params, "s3cr*t ~"),
        RpcSignature.sign("GET", params, "s3cr*t ~"));
  }

  @Test
  void comparisonIsExact() {
    assertTrue(RpcSignature.matches("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", "OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
    assertFalse(RpcSignature.matches("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", "OLeaidS1JvxuMvnyHOwuJ uX5qY="));
    assertFalse(RpcSignature.matches("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", null));
  }
}
