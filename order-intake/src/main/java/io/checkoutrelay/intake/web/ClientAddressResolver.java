package io.checkoutrelay.intake.web;

import io.checkoutrelay.intake.config.IntakeProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The caller's address: the connection's peer, unless that peer is a configured trusted proxy; then
 * X-Forwarded-For is read from the right, skipping trusted proxies, and the first other address wins.
 * A client cannot spoof its address by sending X-Forwarded-For itself.
 */
@Component
public class ClientAddressResolver {

    private final List<CidrRange> trusted;

    public ClientAddressResolver(IntakeProperties properties) {
        this.trusted = properties.trustedProxies().stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(CidrRange::parse).toList();
    }

    public String resolve(HttpServletRequest request) {
        return resolve(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For") == null ? List.of()
                : java.util.Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    String resolve(String peer, List<String> forwardedHeaders) {
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = forwardedHeaders.stream().flatMap(h -> java.util.Arrays.stream(h.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!io.checkoutrelay.intake.validation.FieldReader.isIpLiteral(hop)) {
                return peer; // a garbled chain is not believed
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }
}
