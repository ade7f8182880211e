package com.nexussaude.monitor.channels;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A Google service account as its JSON key file gives it: the fields the JWT-bearer exchange needs.
 * The private key is parsed once; {@link #toString()} shows the account, never the key.
 */
final class ServiceAccount {

    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

    final String projectId;
    final String clientEmail;
    final String privateKeyId;
    final PrivateKey privateKey;
    final URI tokenUri;

    private ServiceAccount(String projectId, String clientEmail, String privateKeyId, PrivateKey privateKey, URI tokenUri) {
        this.projectId = projectId;
        this.clientEmail = clientEmail;
        this.privateKeyId = privateKeyId;
        this.privateKey = privateKey;
        this.tokenUri = tokenUri;
    }

    static ServiceAccount fromFile(Path file, String setting) {
        try {
            return parse(Files.readString(file), setting);
        } catch (IOException e) {
            throw new ChannelConfigurationException(List.of(setting), setting + ": cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Parses a service-account key file.
     *
     * @throws ChannelConfigurationException naming {@code setting} and the missing fields; never quoting the key
     */
    static ServiceAccount parse(String json, String setting) {
        JsonNode node;
        try {
            node = BaseChannel.JSON.readTree(json);
        } catch (IOException e) {
            throw new ChannelConfigurationException(List.of(setting), setting + " is not a JSON service-account key file");
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("client_email", "private_key")) {
            if (!node.hasNonNull(field) || node.path(field).asText().isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new ChannelConfigurationException(List.of(setting), setting + " lacks " + String.join(", ", missing));
        }
        if (node.hasNonNull("type") && !"service_account".equals(node.path("type").asText())) {
            throw new ChannelConfigurationException(List.of(setting), setting + " must be a service-account key (type "
                    + "service_account), but its type is " + node.path("type").asText());
        }
        URI tokenUri;
        try {
            tokenUri = Urls.requireHttp(URI.create(node.path("token_uri").asText(DEFAULT_TOKEN_URI)), setting + " token_uri");
        } catch (IllegalArgumentException e) {
            throw new ChannelConfigurationException(List.of(setting), setting + ": token_uri is not an http(s) URL");
        }
        return new ServiceAccount(node.path("project_id").asText(null), node.path("client_email").asText(),
                node.path("private_key_id").asText(null), privateKey(node.path("private_key").asText(), setting), tokenUri);
    }

    /** A PEM "PRIVATE KEY" (PKCS#8), as Google issues it. */
    static PrivateKey privateKey(String pem, String setting) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new ChannelConfigurationException(List.of(setting), setting + ": private_key is not a PEM PKCS#8 RSA key");
        }
    }

    @Override
    public String toString() {
        return "ServiceAccount[" + clientEmail + ", project=" + projectId + ", key=****]";
    }
}
