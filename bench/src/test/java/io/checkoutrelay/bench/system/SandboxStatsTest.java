package io.checkoutrelay.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class SandboxStatsTest {

    @Test
    void callsAreSummedOverEndpointsAndOutcomes() {
        String json = """
                {"crm":{"currentConcurrency":3,"peakConcurrency":64,
                        "calls":{"leads/import":{"SUCCESS":100,"HTTP_429":4},"order/import":{"SUCCESS":98}}},
                 "amazon":{"currentConcurrency":0,"peakConcurrency":9,
                        "calls":{"auth/o2/tokeninfo":{"OK":100},"user/profile":{"OK":100}}},
                 "ordersByStatus":{"COMPLETE":98,"PARTIAL":2}}""";

        SandboxClient.SandboxStats stats = SandboxClient.SandboxStats.from(JsonMapper.builder().build().readTree(json));

        assertThat(stats.crmCalls()).isEqualTo(202);
        assertThat(stats.crmTooManyRequests()).isEqualTo(4);
        assertThat(stats.amazonCalls()).isEqualTo(200);
        assertThat(stats.crmPeakConcurrency()).isEqualTo(64);
        assertThat(stats.crmOrdersComplete()).isEqualTo(98);
    }
}
