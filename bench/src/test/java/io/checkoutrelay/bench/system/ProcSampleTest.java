package io.checkoutrelay.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProcSampleTest {

    @Test
    void cpuTicksAreUtimePlusStimeEvenWhenTheNameHasSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 12345 0 3 0 1500 250 0 0 20 0 40 0 9999 "
                + "3000000000 70000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcSample.cpuTicks(stat)).isEqualTo(1750);
    }

    @Test
    void memoryFieldsAreReadInKib() {
        List<String> status = List.of("Name:\tjava", "VmHWM:\t  312000 kB", "VmRSS:\t  250000 kB");

        assertThat(ProcSample.kib(status, "VmRSS:")).isEqualTo(250_000);
        assertThat(ProcSample.kib(status, "VmHWM:")).isEqualTo(312_000);
    }

    @Test
    void machineBusyTicksLeaveOutIdleAndIowait() {
        assertThat(ProcSample.busyTicks("cpu  100 5 50 1000 40 3 2 1 0 0")).isEqualTo(100 + 5 + 50 + 3 + 2 + 1);
        assertThat(ProcSample.read(ProcSample.MACHINE).orElseThrow().cpuTicks()).isPositive();
    }

    @Test
    void thisJvmCanBeSampled() {
        ProcSample sample = ProcSample.read(ProcessHandle.current().pid()).orElseThrow();

        assertThat(sample.rssKiB()).isPositive();
        assertThat(sample.peakRssKiB()).isGreaterThanOrEqualTo(sample.rssKiB());
        assertThat(ProcSample.read(-5)).isEmpty();
    }
}
