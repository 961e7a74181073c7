package org.nqpf.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nqpf.contracts.Topics;

/**
 * The launcher's broker, started as {@code ./nqpf up} starts it and provisioned the same way, refuses whoever it
 * does not know and lets each principal touch only its own topics (docs/SECURITY.md, "Kafka").
 */
class KafkaIdentitiesIT {

    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(20);

    static Path state;
    static KafkaBroker broker;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        state = Files.createTempDirectory("nqpf-kafka-identities");
        int port = freePortWithFreeNext();
        broker = KafkaBroker.start(state, port, port + 1, state);
        broker.provision();
        broker.provision(); // every start provisions again: nothing may fail the second time
        broker.provisionFeed("other-feed");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.stop();
        }
        if (state != null) {
            delete(state);
        }
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void should_KeepTheTopicsStateIsDerivedFromForEver_AndCompactTheEntities_AfterEveryProvisioning() throws Exception {
        // Provisioned twice: the second time the topics exist, and their settings are set again, not skipped.
        try (org.apache.kafka.clients.admin.Admin admin = broker.admin()) {
            Map<String, Map<String, String>> expected = new HashMap<>();
            for (String topic : List.of(Topics.OBSERVATIONS, Topics.ASSESSMENTS, Topics.ENTITIES, Topics.ROADMAPS,
                    Topics.deadLetter(Topics.OBSERVATIONS), Topics.rawFeed("other-feed"))) {
                expected.put(topic, org.nqpf.contracts.TopicSettings.configs(topic, 1));
            }
            var resources = expected.keySet().stream()
                    .map(t -> new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t))
                    .toList();
            var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (var entry : configs.entrySet()) {
                for (var setting : expected.get(entry.getKey().name()).entrySet()) {
                    assertThat(entry.getValue().get(setting.getKey()).value())
                            .as(entry.getKey().name() + " " + setting.getKey()).isEqualTo(setting.getValue());
                }
            }
            java.util.function.BiFunction<String, String, String> value = (topic, key) -> configs.entrySet().stream()
                    .filter(e -> e.getKey().name().equals(topic)).findFirst().orElseThrow().getValue().get(key).value();
            assertThat(value.apply(Topics.OBSERVATIONS, "retention.ms")).isEqualTo("-1");
            assertThat(value.apply(Topics.ASSESSMENTS, "retention.ms")).isEqualTo("-1");
            assertThat(value.apply(Topics.ENTITIES, "cleanup.policy")).isEqualTo("compact");
        }
    }

    @Test
    void should_RefuseProducer_When_ItBringsNoCredentials() {
        Map<String, Object> anonymous = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        long started = System.nanoTime();
        // The broker drops a client that does not start the SASL handshake: it never gets metadata.
        assertThatThrownBy(() -> send(anonymous, Topics.rawFeed(KafkaIdentities.DEMO_FEED)))
                .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(REFUSED_WITHIN);
    }

    @Test
    void should_RefuseProducer_When_ItsPasswordIsWrong() {
        Map<String, Object> wrong = new HashMap<>(broker.client(KafkaIdentities.DEMO_FEED));
        wrong.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"demo-feed\" password=\"not-the-password\";");
        long started = System.nanoTime();
        assertThatThrownBy(() -> send(wrong, Topics.rawFeed(KafkaIdentities.DEMO_FEED)))
                .isInstanceOf(SaslAuthenticationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(REFUSED_WITHIN);
    }

    @Test
    void should_LetFeedWriteItsOwnRawTopicOnly() throws Exception {
        Map<String, Object> feed = broker.client(KafkaIdentities.DEMO_FEED);
        send(feed, Topics.rawFeed(KafkaIdentities.DEMO_FEED));

        for (String notItsOwn : List.of(Topics.OBSERVATIONS, Topics.rawFeed("other-feed"),
                Topics.deadLetter(Topics.rawFeed(KafkaIdentities.DEMO_FEED)))) {
            assertThatThrownBy(() -> send(feed, notItsOwn)).as(notItsOwn)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void should_RefuseEachServiceTheTopicsItDoesNotRead() {
        Map<String, List<String>> notRead = Map.of(
                KafkaIdentities.INDICATOR, List.of(Topics.OBSERVATIONS, Topics.ASSESSMENTS, Topics.ROADMAPS),
                KafkaIdentities.ASSESSMENT, List.of(Topics.rawFeed(KafkaIdentities.DEMO_FEED), Topics.ASSESSMENTS,
                        Topics.ROADMAPS),
                KafkaIdentities.ROADMAP, List.of(Topics.rawFeed(KafkaIdentities.DEMO_FEED), Topics.OBSERVATIONS,
                        Topics.ROADMAPS));
        notRead.forEach((service, topics) -> {
            for (String topic : topics) {
                assertThatThrownBy(() -> poll(service, topic)).as("%s reading %s", service, topic)
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        });
    }

    @Test
    void should_LetEachServiceReadAndWriteWhatItNeeds() throws Exception {
        poll(KafkaIdentities.INDICATOR, Topics.rawFeed(KafkaIdentities.DEMO_FEED));
        poll(KafkaIdentities.INDICATOR, Topics.rawFeed("other-feed"));
        send(broker.client(KafkaIdentities.INDICATOR), Topics.OBSERVATIONS);
        send(broker.client(KafkaIdentities.INDICATOR), Topics.deadLetter(Topics.rawFeed("other-feed")));
        poll(KafkaIdentities.ASSESSMENT, Topics.OBSERVATIONS);
        send(broker.client(KafkaIdentities.ASSESSMENT), Topics.ASSESSMENTS);
        send(broker.client(KafkaIdentities.ASSESSMENT), Topics.deadLetter(Topics.OBSERVATIONS));
        poll(KafkaIdentities.ROADMAP, Topics.ASSESSMENTS);
        poll(KafkaIdentities.ROADMAP, Topics.ENTITIES);
        send(broker.client(KafkaIdentities.ROADMAP), Topics.ROADMAPS);

        assertThatThrownBy(() -> send(broker.client(KafkaIdentities.ASSESSMENT), Topics.ROADMAPS))
                .as("assessment-service writing roadmaps").isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(broker.client(KafkaIdentities.ROADMAP), Topics.OBSERVATIONS))
                .as("roadmap-service writing observations").isInstanceOf(TopicAuthorizationException.class);
        // indicator-service may write a provisioned feed's topic now (an operator's replay of its dead letters), no
        // other service's
        assertThatThrownBy(() -> send(broker.client(KafkaIdentities.INDICATOR), Topics.ASSESSMENTS))
                .as("indicator-service writing assessments").isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void should_LetEachServiceKeepItsDeadLettersInItsOwnGroup_AndReplayThemToTheirSourceTopics() throws Exception {
        Map<String, List<String>> consumed = Map.of(
                KafkaIdentities.INDICATOR, List.of(Topics.rawFeed(KafkaIdentities.DEMO_FEED)),
                KafkaIdentities.ASSESSMENT, List.of(Topics.OBSERVATIONS, Topics.ENTITIES),
                KafkaIdentities.ROADMAP, List.of(Topics.ASSESSMENTS, Topics.ENTITIES));
        for (Map.Entry<String, List<String>> service : consumed.entrySet()) {
            for (String topic : service.getValue()) {
                poll(service.getKey(), KafkaIdentities.deadLetterGroup(service.getKey()), Topics.deadLetter(topic));
                send(broker.client(service.getKey()), topic);
            }
        }
        assertThatThrownBy(() -> poll(KafkaIdentities.ASSESSMENT, KafkaIdentities.deadLetterGroup(
                KafkaIdentities.ASSESSMENT), Topics.deadLetter(Topics.ASSESSMENTS)))
                .as("assessment-service reading a dead-letter topic it does not own")
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void should_LetNewFeedWriteItsRawTopic_When_NqpfFeedProvisionedIt() throws Exception {
        assertThat(Nqpf.feed(state, broker.bootstrapServers(), "nbs")).isZero();
        assertThat(Nqpf.feed(state, broker.bootstrapServers(), "nbs")).as("again").isZero();

        send(broker.client("nbs"), Topics.rawFeed("nbs"));
        assertThatThrownBy(() -> send(broker.client("nbs"), Topics.rawFeed(KafkaIdentities.DEMO_FEED)))
                .isInstanceOf(TopicAuthorizationException.class);
        poll(KafkaIdentities.INDICATOR, Topics.rawFeed("nbs"));
        send(broker.client(KafkaIdentities.INDICATOR), Topics.deadLetter(Topics.rawFeed("nbs")));
    }

    @Test
    void should_KeepPasswordsInPrivateFiles_And_OffTheBrokersCommandLine() throws Exception {
        Path secrets = state.resolve("secrets");
        for (String principal : List.of(KafkaIdentities.ADMIN, KafkaIdentities.INDICATOR, KafkaIdentities.DEMO_FEED)) {
            Path file = secrets.resolve("kafka-" + principal + ".password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(principal)
                    .isEqualTo("rw-------");
            assertThat(broker.commandLine()).isNotBlank()
                    .doesNotContain(Files.readString(file, StandardCharsets.UTF_8).trim());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                state.resolve("kafka").resolve("server.properties")))).isEqualTo("rw-------");
    }

    @Test
    void should_SayToClean_When_TheKafkaStateWasFormattedWithoutScram() throws Exception {
        Path old = Files.createTempDirectory("nqpf-kafka-unsecured");
        Files.createDirectories(old.resolve("kafka").resolve("data"));
        Files.writeString(old.resolve("kafka").resolve("data").resolve("meta.properties"), "version=1\n");
        try {
            assertThatThrownBy(() -> KafkaBroker.start(old, 1, 2, old)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("./nqpf clean");
        }
        finally {
            delete(old);
        }
    }

    /** One record, sent and acknowledged, or the reason it was not, within a few seconds. */
    private static void send(Map<String, Object> client, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, "CN-11", "{}".getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Subscribes as the service, in its own consumer group, and fetches: a refused topic throws. */
    private static void poll(String service, String topic) {
        poll(service, service, topic);
    }

    /** Subscribes as the service in {@code group} and fetches: a refused topic throws. */
    private static void poll(String service, String group, String topic) {
        Map<String, Object> config = new HashMap<>(broker.client(service));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            assertThat(consumer.assignment()).as("%s assigned %s", service, topic).isNotEmpty();
            // Assigned is not yet read: a service that may write the topic (so describe it) but not read it is
            // refused at its first fetch.
            long fetching = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < fetching) {
                consumer.poll(Duration.ofMillis(200));
            }
        }
    }

    private static int freePortWithFreeNext() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            }
            catch (java.io.IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no two free neighbouring ports");
    }
}
