package io.checkoutrelay.importer.flow;

import java.time.Duration;

import io.checkoutrelay.importer.config.ImporterProperties;

/**
 * How an ambiguous answer is settled: Order Query waits the CRM request timeout plus {@code margin}
 * after the answer, and PARTIAL counts only when read twice at least {@code partialConfirmInterval}
 * apart (see {@link PartialReads}).
 */
public record Settling(Duration margin, Duration partialConfirmInterval) {

    public static Settling from(ImporterProperties.Retry retry) {
        return new Settling(retry.settleDelay(), retry.partialConfirmInterval());
    }
}
