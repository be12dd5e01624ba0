package io.github.otaconnect.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Response bodies copied from the vendor's reference pages (seeds/*.md), plus neighbours in the same style. */
final class VendorSamples {

    /** QueryOTAJob, JSON sample of the reference page. */
    static final String QUERY_OTA_JOB = """
            {
              "Data": {
                "TimeoutInMinutes": 5,
                "JobDesc": "batch upgrade",
                "UtcStartTime": "2019-12-28T02:43:10.000Z",
                "UtcEndTime": "2019-12-29T02:43:10.000Z",
                "ProductKey": "a19mzPZ****",
                "UtcModified": "2019-12-28T02:43:10.000Z",
                "JobStatus": "IN_PROGRESS",
                "UtcCreate": "2019-12-28T02:43:10.000Z",
                "SelectionType": "STATIC",
                "TargetSelection": "SPECIFIC",
                "JobType": "UPGRADE_FIRMWARE",
                "RetryInterval":60,
                "RetryCount":1,
                "OverwriteMode":1,
                "MaximumPerMinute":1000,
                "SrcVersions": {
                  "SrcVersion": ["1.0.0"]
                },
                "Name":"firmware2",
                "FirmwareId": "UfuxnwygsuSkVE0VCN****0100",
                "JobId": "HvKuBpuk3rdk6E92CP****0200",
                "DestVersion": "1.0.1"
              },
              "RequestId": "30F1BB8D-EDBF-44FD-BBC0-BE97DEA73991",
              "Success": true
            }
            """;

    /** ListOTATaskByJob, JSON sample of the reference page. */
    static final String LIST_OTA_TASK_BY_JOB = """
            {
              "PageCount": 1,
              "Data": {
                "SimpleOTATaskInfo": [{
                  "SrcVersion": "1.0.0",
                  "DeviceName": "testDevice1",
                  "FirmwareId": "q3j9OYBjUAZMv1hlMgdo03****",
                  "IotId": "SR8FiTu1R9tlUR2V1bmi00105****",
                  "ProductKey": "a1GUfrM****",
                  "JobId": "7glPHmaDYLAYMD1HHutT02****",
                  "TaskDesc": "report version is not conform",
                  "DestVersion": "1.0.1",
                  "UtcCreate": "2019-11-04T03:38:15.000Z",
                  "UtcModified": "2019-11-04T03:38:15.000Z",
                  "TaskStatus": "FAILED",
                  "ProductName": "MyProduct",
                  "TaskId": "y3tOmCDNgpR8F9jnVEzC01****",
                  "Progress": "0.00"
                }, {
                  "SrcVersion": "1.0.0",
                  "DeviceName": "testDevice2",
                  "FirmwareId": "q3j9OYBjUAZMv1hlMgdo03****",
                  "IotId": "nadRdeffljdEndlfadgadfse****",
                  "ProductKey": "a1GUfrM****",
                  "JobId": "7glPHmaDYLAYMD1HHutT02****",
                  "TaskDesc": "",
                  "DestVersion": "1.0.1",
                  "UtcCreate": "2019-11-04T03:38:22.000Z",
                  "UtcModified": "2019-11-04T03:38:22.000Z",
                  "TaskStatus": "SUCCEEDED",
                  "ProductName": "MyProduct",
                  "TaskId": "ZS9sNBb1ahsu6khqr9II01****",
                  "Progress": "100.00"
                }]
              },
              "PageSize": 10,
              "RequestId": "A59D3BE1-E9A3-43F3-9B50-B7C8DE165D9B",
              "CurrentPage": 1,
              "Success": true,
              "Total": 2
            }
            """;

    /** ListOTAFirmware in the documented shape. */
    static final String LIST_OTA_FIRMWARE = """
            {
              "Success": true, "RequestId": "FW-REQ-1", "Total": 2, "PageCount": 1, "PageSize": 10, "CurrentPage": 1,
              "FirmwareInfo": {"SimpleFirmwareInfo": [
                {"FirmwareId": "fw-1", "FirmwareName": "Firmware One", "ProductKey": "a1GUfrM****",
                 "ProductName": "MyProduct", "SrcVersion": "1.0.0", "DestVersion": "1.0.1", "Status": 1,
                 "Type": 0, "UtcCreate": "2019-11-04T03:38:15.000Z", "UtcModified": "2019-11-04T03:38:15Z"},
                {"FirmwareId": "fw-2", "FirmwareName": "Firmware Two", "Status": "3", "Type": "1"}
              ]}
            }
            """;

    /** ListOTAJobByFirmware in the documented shape. */
    static final String LIST_OTA_JOB_BY_FIRMWARE = """
            {
              "Success": true, "RequestId": "JOBS-REQ-1", "Total": 1, "PageCount": 1, "PageSize": 200,
              "CurrentPage": 1,
              "Data": {"SimpleOTAJobInfo": [
                {"JobId": "job-1", "FirmwareId": "fw-1", "ProductKey": "a1GUfrM****", "JobStatus": "COMPLETED",
                 "JobType": "VERFIY_FIRMWARE", "SelectionType": "STATIC", "TargetSelection": "SPECIFIC",
                 "UtcCreate": "2019-12-28T02:43:10.000Z", "UtcModified": "2019-12-28T02:43:10.000Z",
                 "UtcStartTime": "2019-12-28T02:43:10.000Z", "UtcEndTime": "2019-12-29T02:43:10.000Z"}
              ]}
            }
            """;

    static final Instant DATE = Instant.parse("2024-05-01T10:00:00Z");

    private VendorSamples() {
    }

    static RawResponse ok(String json) {
        return new RawResponse(200, bytes(json), DATE);
    }

    static RawResponse response(int status, String body) {
        return new RawResponse(status, bytes(body), null);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String gatewayError(String code, String message) {
        return "{\"RequestId\":\"REQ-1\",\"HostId\":\"iot.cn-shanghai.aliyuncs.com\",\"Code\":\"" + code
                + "\",\"Message\":\"" + message + "\"}";
    }

    static String businessError(String code, String message) {
        return "{\"RequestId\":\"REQ-1\",\"Success\":false,\"Code\":\"" + code + "\",\"ErrorMessage\":\""
                + message + "\"}";
    }
}
