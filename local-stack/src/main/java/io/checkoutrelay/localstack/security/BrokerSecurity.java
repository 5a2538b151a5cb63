package io.checkoutrelay.localstack.security;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes the local broker a secured one, as managed clusters are: a SASL_SSL listener (SCRAM-SHA-512
 * over TLS, certificates made for the run), the standard authorizer with nothing allowed by default, a
 * super user the broker and the provisioning use, and one principal per service whose ACLs
 * ({@link ServiceAcls}) cover only its own topics and groups. Passwords are random per run.
 */
public record BrokerSecurity(BrokerCertificates certificates, KafkaUser superUser, Map<String, KafkaUser> users) {

    public static final String SUPER_USER = "relay-admin";

    public BrokerSecurity {
        users = Map.copyOf(users);
    }

    /** Certificates under {@code dir}, the super user, and one user per name in {@code principals}. */
    public static BrokerSecurity make(Path dir, List<String> principals) {
        Map<String, KafkaUser> users = new LinkedHashMap<>();
        for (String name : principals) {
            users.put(name, new KafkaUser(name, randomPassword()));
        }
        return new BrokerSecurity(BrokerCertificates.make(dir), new KafkaUser(SUPER_USER, randomPassword()), users);
    }

    public KafkaUser user(String name) {
        KafkaUser user = users.get(name);
        if (user == null) {
            throw new IllegalArgumentException("no Kafka user '" + name + "' on this broker (users: " + users.keySet() + ")");
        }
        return user;
    }

    public TrustStore trustStore() {
        return certificates.trustStore();
    }

    /** The super user and every service user, as StorageTool's --add-scram arguments. */
    public List<String> scramArguments() {
        List<String> arguments = new java.util.ArrayList<>();
        for (KafkaUser user : allUsers()) {
            arguments.add("--add-scram");
            arguments.add(KafkaUser.MECHANISM + "=[name=" + user.name() + ",password=" + user.password() + "]");
        }
        return arguments;
    }

    List<KafkaUser> allUsers() {
        List<KafkaUser> all = new java.util.ArrayList<>(List.of(superUser));
        all.addAll(users.values());
        return all;
    }

    /** The broker's server.properties lines for the SASL_SSL listener, TLS and the authorizer. */
    public List<String> serverProperties() {
        BrokerCertificates tls = certificates;
        return List.of(
                "sasl.enabled.mechanisms=" + KafkaUser.MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + KafkaUser.MECHANISM,
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=" + superUser.jaasConfig(),
                "ssl.keystore.location=" + tls.keyStore(),
                "ssl.keystore.password=" + tls.keyStorePassword(),
                "ssl.key.password=" + tls.keyStorePassword(),
                "ssl.keystore.type=PKCS12",
                "ssl.truststore.location=" + tls.trustStore().path(),
                "ssl.truststore.password=" + tls.trustStore().password(),
                "ssl.truststore.type=PKCS12",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                // the broker itself (SASL_SSL) and the controller listener (plaintext, loopback only, never
                // advertised to clients) act as super users
                "super.users=" + superUser.principal() + ";User:ANONYMOUS");
    }

    private static String randomPassword() {
        return HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    }

    @Override
    public String toString() {
        return "BrokerSecurity[users " + users.keySet() + "]";
    }
}
