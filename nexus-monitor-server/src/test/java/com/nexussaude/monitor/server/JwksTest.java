package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens verified with the public keys of a JWKS file (RS256), as an identity provider issues them. */
class JwksTest {
    @TempDir
    Path dir;

    static String rs256(RSAKey key, String subject, List<String> roles) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aTokenSignedByTheJwksKeyIsAcceptedAndOthersAreNot() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        Map<String, String> env = new HashMap<>();
        env.put("JWT_JWKS_FILE", jwks.toString());
        env.put("JWT_SECRET", "");
        try (TestServer t = new TestServer(dir.resolve("data"), env)) {
            assertThat(t.get("/alerts", rs256(key, "dr.silva", List.of("viewer"))).statusCode()).isEqualTo(200);
            assertThat(t.get("/alerts", rs256(stranger, "mallory", List.of("admin"))).statusCode()).isEqualTo(401);
            assertThat(t.get("/alerts", TestServer.ADMIN).statusCode()).as("an HS256 token").isEqualTo(401);
            assertThat(json(t.get("/alerts", rs256(key, "dr.silva", List.of("pilot")))).get("detail").asText())
                    .contains("pilot");
        }
    }
}
