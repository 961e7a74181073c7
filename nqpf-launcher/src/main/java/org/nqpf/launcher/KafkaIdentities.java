package org.nqpf.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.nqpf.contracts.TopicSettings;
import org.nqpf.contracts.Topics;

/**
 * Who may do what on the launcher's broker (docs/SECURITY.md, "Kafka"): a SCRAM-SHA-512 principal per service and
 * per feed, ACLs for exactly the topics and groups each needs, and the passwords, generated once per state
 * directory and kept in {@code <state>/secrets/kafka-<principal>.password} (mode 0600). Passwords never go on a
 * command line: services get theirs in environment variables, the broker in its properties file.
 */
final class KafkaIdentities {

    static final String MECHANISM = "SCRAM-SHA-512";
    /** The broker's own principal (inter-broker and controller traffic), a super user; the launcher's tools use it. */
    static final String ADMIN = "admin";
    static final String INDICATOR = "indicator-service";
    static final String ASSESSMENT = "assessment-service";
    static final String ROADMAP = "roadmap-service";
    static final String DEMO_FEED = "demo-feed";
    static final List<String> SERVICES = List.of(INDICATOR, ASSESSMENT, ROADMAP);
    /**
     * Partitions of every topic the launcher creates: room for two instances of every service at its listeners'
     * concurrency (indicator-service reads the feeds with 3 consumers), each owning partitions (docs/TOPICS.md).
     * A consumer beyond the partitions of its topic sits idle.
     */
    static final int PARTITIONS = 6;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path secrets;
    /** Passwords from the environment instead of files: docker compose's way (null: files). */
    private final Map<String, String> environment;
    /** Replicas of every topic made, and how many must have a record before it counts as written. */
    private final short replicationFactor;
    private final int minInsyncReplicas;

    private KafkaIdentities(Path secrets) {
        this.secrets = secrets;
        this.environment = null;
        // The launcher's broker is one node.
        this.replicationFactor = 1;
        this.minInsyncReplicas = 1;
    }

    private KafkaIdentities(Map<String, String> environment) {
        this.secrets = null;
        this.environment = environment;
        this.replicationFactor = Short.parseShort(environment.getOrDefault(REPLICATION_FACTOR, "1"));
        this.minInsyncReplicas = Integer.parseInt(environment.getOrDefault(MIN_INSYNC_REPLICAS, "1"));
        if (minInsyncReplicas > replicationFactor) {
            throw new IllegalStateException(MIN_INSYNC_REPLICAS + "=" + minInsyncReplicas + " exceeds "
                    + REPLICATION_FACTOR + "=" + replicationFactor + ": no write could ever succeed");
        }
    }

    /** compose's cluster: three brokers, each topic on all three, writes acknowledged by two (docker-compose.yml). */
    static final String REPLICATION_FACTOR = "NQPF_KAFKA_REPLICATION_FACTOR";
    static final String MIN_INSYNC_REPLICAS = "NQPF_KAFKA_MIN_INSYNC_REPLICAS";

    short replicationFactor() {
        return replicationFactor;
    }

    int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    /**
     * Passwords from {@code NQPF_KAFKA_<PRINCIPAL>_PASSWORD} (e.g. {@code NQPF_KAFKA_INDICATOR_SERVICE_PASSWORD}):
     * where compose keeps them, in its .env, never in a file of the image.
     */
    static KafkaIdentities fromEnvironment(Map<String, String> environment) {
        return new KafkaIdentities(Map.copyOf(environment));
    }

    static String environmentVariable(String principal) {
        return "NQPF_KAFKA_" + principal.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_PASSWORD";
    }

    static KafkaIdentities in(Path stateDir) {
        return new KafkaIdentities(stateDir.resolve("secrets"));
    }

    /** The principal's password, made on first use: 32 random bytes, URL-safe base64 (nothing to quote in JAAS). */
    synchronized String password(String principal) {
        if (environment != null) {
            String password = environment.get(environmentVariable(principal));
            if (password == null || password.isBlank()) {
                throw new IllegalStateException("set " + environmentVariable(principal) + " (the Kafka password of "
                        + principal + ")");
            }
            return password;
        }
        Path file = secrets.resolve("kafka-" + principal + ".password");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            createPrivateDirectory(secrets);
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            writePrivate(file, password);
            return password;
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Kafka client settings (without bootstrap servers) that authenticate as the principal. */
    Map<String, Object> clientProperties(String principal) {
        return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, MECHANISM, SaslConfigs.SASL_JAAS_CONFIG, jaas(principal));
    }

    String jaas(String principal) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + password(principal) + "\";";
    }

    /** What a service's JVM gets in its environment: Spring Boot binds these to {@code spring.kafka.*}. */
    Map<String, String> serviceEnvironment(String principal) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", MECHANISM);
        env.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", jaas(principal));
        // The launcher made every topic as admin; services have no CREATE right to make them again.
        env.put("SPRING_KAFKA_ADMIN_AUTO_CREATE", "false");
        return env;
    }

    /**
     * Everything the platform needs on a fresh or an existing broker, safe to repeat at every start: the services'
     * and the demo feed's credentials, the topics with their dead-letter twins, and the ACLs.
     */
    void provision(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        upsertCredentials(admin, SERVICES);
        List<String> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(topic);
            topics.add(Topics.deadLetter(topic));
        }
        createTopics(admin, topics);
        admin.createAcls(serviceAcls()).all().get(30, TimeUnit.SECONDS);
        provisionFeed(admin, DEMO_FEED);
    }

    /**
     * A feed: its SCRAM user, its raw topic and that topic's dead-letter twin, a LITERAL WRITE ACL on its own topic
     * only, and indicator-service's right to dead-letter what it wrote and to replay those dead letters to it.
     * indicator-service reads every feed's topic (and its dead-letter twin) through one PREFIXED ACL.
     */
    String provisionFeed(Admin admin, String feed) throws InterruptedException, ExecutionException,
            TimeoutException {
        String topic = Topics.rawFeed(feed);
        upsertCredentials(admin, List.of(feed));
        createTopics(admin, List.of(topic, Topics.deadLetter(topic)));
        admin.createAcls(List.of(
                allow(feed, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE),
                allow(feed, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE),
                allow(INDICATOR, ResourceType.TOPIC, Topics.deadLetter(topic), PatternType.LITERAL, AclOperation.WRITE),
                allow(INDICATOR, ResourceType.TOPIC, Topics.deadLetter(topic), PatternType.LITERAL,
                        AclOperation.DESCRIBE),
                // an operator's replay of a dead letter puts the feed's own record back on the feed's topic
                allow(INDICATOR, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE)))
                .all().get(30, TimeUnit.SECONDS);
        return topic;
    }

    /**
     * Each service: its consumer groups (its own and its dead-letter group), the topics it reads, those it writes, the
     * dead-letter twins it writes and reads back, and the topics its operators replay dead letters to.
     */
    static List<AclBinding> serviceAcls() {
        List<AclBinding> acls = new ArrayList<>();
        // indicator-service: every feed's raw topic by prefix (it subscribes by pattern); canonical observations and
        // entity changes out. The prefix also covers reading the feeds' dead-letter twins, which it keeps for
        // operators; writing a feed's topic (for a replay) is granted per feed (provisionFeed).
        groups(acls, INDICATOR);
        for (AclOperation op : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(allow(INDICATOR, ResourceType.TOPIC, Topics.RAW_FEED_PREFIX, PatternType.PREFIXED, op));
        }
        writes(acls, INDICATOR, Topics.OBSERVATIONS, Topics.ENTITIES);
        // assessment-service: observations and entities in, assessments out.
        groups(acls, ASSESSMENT);
        reads(acls, ASSESSMENT, Topics.OBSERVATIONS, Topics.ENTITIES);
        writes(acls, ASSESSMENT, Topics.ASSESSMENTS);
        // roadmap-service: assessments and entities in, roadmaps out.
        groups(acls, ROADMAP);
        reads(acls, ROADMAP, Topics.ASSESSMENTS, Topics.ENTITIES);
        writes(acls, ROADMAP, Topics.ROADMAPS);
        return acls;
    }

    /**
     * The fresh consumer groups of {@code ./nqpf rebuild} ({@code <service>.rebuild.<when>}): a rebuild reads the
     * service's topics from the beginning as the service itself, in a group of its own.
     */
    static String rebuildGroupPrefix(String service) {
        return service + ".rebuild.";
    }

    /** The dead-letter group of a service (nqpf-messaging's {@code <service>-dead-letters}). */
    static String deadLetterGroup(String service) {
        return service + "-dead-letters";
    }

    /** A service's own group, its dead-letter group, and the groups its rebuilds read in. */
    private static void groups(List<AclBinding> acls, String service) {
        acls.add(allow(service, ResourceType.GROUP, service, PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(service, ResourceType.GROUP, deadLetterGroup(service), PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(service, ResourceType.GROUP, rebuildGroupPrefix(service), PatternType.PREFIXED,
                AclOperation.READ));
    }

    /**
     * Reading a topic; writing its dead-letter twin (the reader dead-letters what it cannot process) and reading it
     * back (the reader keeps its dead letters for operators); writing the topic itself, to replay a dead letter to it.
     */
    private static void reads(List<AclBinding> acls, String principal, String... topics) {
        for (String topic : topics) {
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
            writes(acls, principal, Topics.deadLetter(topic));
            acls.add(allow(principal, ResourceType.TOPIC, Topics.deadLetter(topic), PatternType.LITERAL,
                    AclOperation.READ));
        }
    }

    private static void writes(List<AclBinding> acls, String principal, String... topics) {
        for (String topic : topics) {
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
            AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** Upserted at every start: a password file deleted by hand gets a new password and the broker learns it. */
    private void upsertCredentials(Admin admin, List<String> principals) throws InterruptedException,
            ExecutionException, TimeoutException {
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        for (String p : principals) {
            upserts.add(new UserScramCredentialUpsertion(p, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512,
                    8192), password(p)));
        }
        admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
    }

    /**
     * Made with their settings ({@link TopicSettings}); a topic that exists gets its settings again, so a broker
     * provisioned before they were chosen (a 7-day default, say) keeps its log from now on as it should.
     */
    private void createTopics(Admin admin, List<String> names) throws InterruptedException,
            TimeoutException, ExecutionException {
        List<NewTopic> topics = names.stream().map(n -> new NewTopic(n, PARTITIONS, replicationFactor)
                .configs(TopicSettings.configs(n, minInsyncReplicas))).toList();
        List<String> existing = new ArrayList<>();
        for (var result : admin.createTopics(topics).values().entrySet()) {
            try {
                result.getValue().get(30, TimeUnit.SECONDS);
            }
            catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                existing.add(result.getKey());
            }
        }
        if (!existing.isEmpty()) {
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> alterations = new LinkedHashMap<>();
            for (String topic : existing) {
                alterations.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                        TopicSettings.configs(topic, minInsyncReplicas).entrySet().stream()
                                .map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()),
                                        AlterConfigOp.OpType.SET))
                                .toList());
            }
            admin.incrementalAlterConfigs(alterations).all().get(30, TimeUnit.SECONDS);
        }
    }

    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        }
        catch (UnsupportedOperationException e) {
            Files.createDirectories(dir); // not a POSIX file system
        }
    }

    /** Written whole with mode 0600 from the start (a temporary file moved into place), never readable by others. */
    static void writePrivate(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + file, e);
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
