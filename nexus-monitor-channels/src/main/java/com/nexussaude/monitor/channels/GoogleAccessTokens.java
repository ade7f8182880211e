package com.nexussaude.monitor.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.notify.DeliveryResult;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * OAuth 2.0 access tokens for a service account by the JWT-bearer grant (RFC 7523): an RS256 JWT
 * signed with the account's key is posted to its {@code token_uri}, and the access token is cached
 * until {@code refreshMargin} before it expires. Thread-safe; one fetch at a time.
 */
final class GoogleAccessTokens {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** Google accepts assertions valid for at most an hour. */
    static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

    private final ServiceAccount account;
    private final String scope;
    private final Http http;
    private final Duration refreshMargin;

    private Secret token;
    private Instant expiresAt = Instant.MIN;

    GoogleAccessTokens(ServiceAccount account, String scope, Http http, Duration refreshMargin) {
        this.account = account;
        this.scope = scope;
        this.http = http;
        this.refreshMargin = refreshMargin;
    }

    /** A failed token fetch, carrying what the delivery attempt should report. */
    static final class TokenUnavailable extends Exception {
        private static final long serialVersionUID = 1L;
        final transient DeliveryResult result;

        TokenUnavailable(DeliveryResult result) {
            super(result.reason(), null, false, false);
            this.result = result;
        }
    }

    /** A valid access token, from the cache or freshly fetched. */
    synchronized String current() throws TokenUnavailable {
        Instant now = http.clock().instant();
        if (token != null && now.isBefore(expiresAt.minus(refreshMargin))) {
            return token.reveal();
        }
        fetch(now);
        return token.reveal();
    }

    /** Forgets the cached token, after the API rejected it. */
    synchronized void invalidate() {
        token = null;
        expiresAt = Instant.MIN;
    }

    private void fetch(Instant now) throws TokenUnavailable {
        String form = Http.form(Map.of("grant_type", GRANT_TYPE, "assertion", assertion(now)));
        HttpRequest request = http.post(account.tokenUri, "application/x-www-form-urlencoded", form)
                .header("Accept", "application/json")
                .build();
        JsonNode[] answer = new JsonNode[1];
        DeliveryResult r = http.exchange(request, response -> {
            JsonNode body = Http.jsonBody(response.body());
            if (response.statusCode() == 200 && body.hasNonNull("access_token")) {
                answer[0] = body;
                return DeliveryResult.delivered("token");
            }
            // OAuth errors: {"error":"invalid_grant","error_description":"…"}; 400/401 are permanent.
            String text = body.has("error") ? body.path("error").asText() + ": " + body.path("error_description").asText("")
                    : Http.clip(response.body());
            return http.byStatus(response, Http.clip(text));
        });
        if (answer[0] == null) {
            DeliveryResult why = r.isDelivered() ? DeliveryResult.retryLater("OAuth token endpoint returned no access_token") : r;
            throw new TokenUnavailable(why);
        }
        long expiresIn = answer[0].path("expires_in").asLong(3600);
        token = Secret.of(answer[0].path("access_token").asText(), "access_token");
        expiresAt = now.plusSeconds(expiresIn);
    }

    /** The signed JWT: header {@code RS256} with the key id, claims iss, scope, aud, iat, exp. */
    String assertion(Instant now) {
        ObjectNode header = BaseChannel.JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (account.privateKeyId != null) {
            header.put("kid", account.privateKeyId);
        }
        ObjectNode claims = BaseChannel.JSON.createObjectNode()
                .put("iss", account.clientEmail)
                .put("scope", scope)
                .put("aud", account.tokenUri.toString())
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(BaseChannel.json(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(BaseChannel.json(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(account.privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA is required of every Java platform", e);
        }
    }
}
