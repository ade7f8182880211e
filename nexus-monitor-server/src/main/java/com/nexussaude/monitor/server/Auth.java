package com.nexussaude.monitor.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * JWT bearer authentication: HS256 with a shared secret ({@code JWT_SECRET}) or RS256/ES256 with the
 * public keys of a JWKS file ({@code JWT_JWKS_FILE}). A token must be signed, unexpired (its
 * {@code exp} is required), carry a {@code sub} (the person or system: the journal's actor) and a
 * {@code roles} claim, a list of {@code viewer}, {@code clinician}, {@code integrator}, {@code admin}.
 *
 * <p>Roles: viewer reads; clinician also acknowledges, resolves, silences and raises alerts;
 * integrator posts vitals and registers and discharges patients; admin may do everything, and alone
 * changes bands. Tokens are never logged; a refused token is answered with why, not echoed.
 */
final class Auth {
    /** The roles a token may carry. */
    enum Role {
        VIEWER, CLINICIAN, INTEGRATOR, ADMIN;

        static Role parse(String s) {
            return Role.valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** An authenticated caller: the token's subject and roles. */
    record Principal(String subject, Set<Role> roles) {
        boolean may(Role needed) {
            if (roles.contains(Role.ADMIN) || roles.contains(needed)) {
                return true;
            }
            // A clinician reads what they act on.
            return needed == Role.VIEWER && roles.contains(Role.CLINICIAN);
        }
    }

    /** Refused: 401 (no or bad token) or 403 (token fine, role missing). */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final byte[] secret;

    private Auth(byte[] secret, JWKSet keys) {
        this.secret = secret;
        if (keys != null) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                    Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256), new ImmutableJWKSet<>(keys)));
        } else {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                    new ImmutableSecret<>(secret)));
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, null, Set.of("sub", "exp")));
    }

    /**
     * From the configuration: the JWKS file if set, else the HMAC secret; in development mode without
     * either, a random secret for this process only.
     *
     * @throws ServerConfig.ConfigException if neither is configured outside development mode
     */
    static Auth from(ServerConfig config) {
        if (config.jwksFile() != null) {
            try {
                return new Auth(null, JWKSet.load(config.jwksFile().toFile()));
            } catch (Exception e) {
                throw new ServerConfig.ConfigException("JWT_JWKS_FILE " + config.jwksFile() + " cannot be read as a JWKS: "
                        + e.getMessage());
            }
        }
        if (config.jwtSecret() != null) {
            return new Auth(config.jwtSecret().getBytes(StandardCharsets.UTF_8), null);
        }
        if (config.devMode()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new Auth(random, null);
        }
        throw new ServerConfig.ConfigException("no token verification configured: set JWT_SECRET (HS256, at least 32"
                + " bytes) or JWT_JWKS_FILE, or DEV_MODE=true for a random secret and a printed token");
    }

    /** Whether this instance can sign tokens (HMAC): development mode and tests. */
    boolean canSign() {
        return secret != null;
    }

    /** Signs an HS256 token for {@code subject} with {@code roles}, valid for {@code ttl}. */
    String sign(String subject, Duration ttl, Role... roles) {
        if (secret == null) {
            throw new IllegalStateException("tokens are verified with a JWKS: this server cannot sign");
        }
        return sign(secret, subject, ttl, roles);
    }

    /** Signs an HS256 token with a given secret (tests, tools). */
    static String sign(byte[] secret, String subject, Duration ttl, Role... roles) {
        List<String> names = java.util.Arrays.stream(roles).map(r -> r.name().toLowerCase(Locale.ROOT)).toList();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", names)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(ttl))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** A random secret, base64, for development configurations. */
    static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /**
     * Verifies a bearer token.
     *
     * @throws Refused 401 naming what is wrong (never echoing the token)
     */
    Principal verify(String token) {
        if (token == null || token.isBlank()) {
            throw new Refused(401, "authentication required: send Authorization: Bearer <JWT>");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (Exception e) {
            throw new Refused(401, "invalid token: " + e.getMessage());
        }
        Object raw = claims.getClaim("roles");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (raw instanceof List<?> list) {
            Set<String> unknown = new HashSet<>();
            for (Object o : list) {
                try {
                    roles.add(Role.parse(String.valueOf(o)));
                } catch (IllegalArgumentException e) {
                    unknown.add(String.valueOf(o));
                }
            }
            if (!unknown.isEmpty() && roles.isEmpty()) {
                throw new Refused(401, "invalid token: no known role in roles " + list
                        + " (known: viewer, clinician, integrator, admin)");
            }
        }
        if (roles.isEmpty()) {
            throw new Refused(401, "invalid token: the roles claim must list viewer, clinician, integrator or admin");
        }
        return new Principal(claims.getSubject(), roles);
    }

    static void require(Principal p, Role role) {
        if (!p.may(role)) {
            throw new Refused(403, "role " + role.name().toLowerCase(Locale.ROOT) + " required; token of "
                    + p.subject() + " has " + p.roles().toString().toLowerCase(Locale.ROOT));
        }
    }

}
