package io.checkoutrelay.replay.cli;

import java.net.URI;

/**
 * A service's {@code /actuator/prometheus} address for the console, with the name the operator gave it
 * ({@code --metrics crm-importer=http://...}), or an empty name when it is to be named by its metrics.
 */
public record MetricsSource(String name, URI url) {
}
