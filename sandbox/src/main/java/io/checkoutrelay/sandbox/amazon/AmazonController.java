package io.checkoutrelay.sandbox.amazon;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.checkoutrelay.sandbox.script.Endpoint;

/** Login with Amazon: {@code GET /auth/o2/tokeninfo} and {@code GET /user/profile}. */
@RestController
class AmazonController {

    private static final String BEARER = "Bearer ";

    private final AmazonGateway gateway;

    AmazonController(AmazonGateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/auth/o2/tokeninfo")
    ResponseEntity<String> tokenInfo(@RequestParam(name = "access_token", required = false) String accessToken) {
        return gateway.handle(Endpoint.TOKENINFO, "GET", accessToken);
    }

    @GetMapping("/user/profile")
    ResponseEntity<String> profile(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim()
                : null;
        return gateway.handle(Endpoint.PROFILE, "GET", token);
    }
}
