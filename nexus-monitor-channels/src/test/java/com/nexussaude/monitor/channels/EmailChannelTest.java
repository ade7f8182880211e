package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.dispatch.DeadLetter;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.nexussaude.monitor.notify.dispatch.ManualDeliveryScheduler;
import com.nexussaude.monitor.notify.dispatch.NotificationDispatcher;
import com.nexussaude.monitor.notify.dispatch.RetryPolicy;
import com.nexussaude.monitor.notify.tck.NotificationChannelContract;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The e-mail channel against GreenMail, a real SMTP server running in the test JVM. The kit's
 * failure behaviours, and STARTTLS (which GreenMail 2.1 does not offer), go through {@link SmtpFront}.
 */
class EmailChannelTest extends NotificationChannelContract {

    /** Made before GreenMail starts, so its SMTPS server presents our localhost certificate. */
    static final Path KEY_STORE = TestTls.keyStore();
    static final String FROM = "alerts@hospital.example";
    static final String USER = "nexus-smtp";
    static final String PASSWORD = "smtp-s3cret-Pa55";
    static final String TO = "charge.nurse@hospital.example";

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(
            patient(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS})))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, USER, PASSWORD));

    SmtpFront front;
    EmailChannel channel;

    /** GreenMail's default 2 s to start SMTPS is too little on a loaded build machine (load 20 on 2 cores seen). */
    private static ServerSetup[] patient(ServerSetup[] setups) {
        for (ServerSetup s : setups) {
            s.setServerStartupTimeout(30_000);
        }
        return setups;
    }

    @BeforeEach
    void start() throws Exception {
        front = new SmtpFront(GREENMAIL.getSmtp().getPort(), TestTls.server());
        channel = plain(front.port()).build();
    }

    @AfterEach
    void stop() throws Exception {
        front.close();
    }

    /** A relay inside the hospital: no TLS, so no credentials (a password never travels in clear text). */
    private EmailChannel.Builder plain(int port) {
        return EmailChannel.builder().host("127.0.0.1").port(port).startTls(false).from(FROM)
                .clock(Fixtures.CLOCK).timeout(Duration.ofSeconds(10));
    }

    @Override
    protected NotificationChannel channel() {
        return channel;
    }

    @Override
    protected String address() {
        return TO;
    }

    @Override
    protected void arrange(Behaviour b) throws Exception {
        switch (b) {
            case ACCEPT -> front.mode = SmtpFront.Mode.PROXY;
            case SERVER_ERROR -> {
                front.mode = SmtpFront.Mode.REPLY_AFTER_DATA;
                front.reply = "451 4.3.0 Temporary local problem, try again";
            }
            case RATE_LIMITED -> {
                front.mode = SmtpFront.Mode.REPLY_TO_MAIL;
                front.reply = "421 4.7.0 Too many messages, slow down";
            }
            case REJECT -> {
                front.mode = SmtpFront.Mode.REPLY_AFTER_DATA;
                front.reply = "554 5.6.0 Message rejected by content policy";
            }
            case UNREACHABLE -> front.refuseConnections();
        }
    }

    @Override
    protected List<String> receivedIdentities() throws Exception {
        List<String> ids = new ArrayList<>(front.repliedMessageIds);
        for (MimeMessage m : GREENMAIL.getReceivedMessages()) {
            ids.add(m.getMessageID());
        }
        return ids;
    }

    @Override
    protected java.util.Optional<NotificationChannel> channelWithDeadline(Duration deadline) {
        return java.util.Optional.of(plain(front.port()).deadline(deadline).build());
    }

    @Override
    protected boolean arrangeStalledAnswer() {
        front.mode = SmtpFront.Mode.STALL_AFTER_DATA;
        return true;
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(PASSWORD);
    }

    @Override
    protected boolean reportsRetryAfter() {
        return false;
    }

    @Test
    @DisplayName("the mail arrives with From, To, Subject, a stable Message-ID and text and HTML alternatives")
    void arrives() throws Exception {
        Notification n = Fixtures.notification("email", TO).message("SpO2 <82> & falling").build();
        DeliveryResult r = plain(GREENMAIL.getSmtp().getPort()).build().deliver(n);
        assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.DELIVERED);
        MimeMessage[] received = GREENMAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getFrom()[0].toString()).isEqualTo(FROM);
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo(TO);
        assertThat(m.getSubject()).isEqualTo("CRITICAL: SpO2 <82> & falling (bed 12, ward-3)");
        assertThat(m.getMessageID()).isEqualTo("<" + n.idempotencyKey() + "@nexus-monitor>");
        assertThat(m.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(m.getHeader("Importance", null)).isEqualTo("high");
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(text).contains("Patient:  patient-0042", "Bed:      12", "SpO2 <82> & falling", "  spo2: 82",
                "Alert alert-000001, incident incident-7");
        assertThat(html).contains("SpO2 &lt;82&gt; &amp; falling", "<li>spo2: 82</li>");
        assertThat(text + html + m.getSubject()).doesNotContain(Fixtures.PATIENT_NAME);
    }

    @Test
    @DisplayName("the channel authenticates over TLS, and GreenMail refuses a wrong password: a permanent failure")
    void authentication() throws Exception {
        front.mode = SmtpFront.Mode.STARTTLS;
        EmailChannel tls = EmailChannel.builder().host("localhost").port(front.port()).credentials(USER, PASSWORD).from(FROM)
                .sslSocketFactory(TestTls.client().getSocketFactory()).build();
        assertThat(tls.deliver(Fixtures.notification("email", TO).build()).outcome()).isEqualTo(Outcome.DELIVERED);
        DeliveryResult r = EmailChannel.builder().host("localhost").port(GREENMAIL.getSmtps().getPort()).implicitTls(true)
                .sslSocketFactory(TestTls.client().getSocketFactory())
                .credentials(USER, "wrong-password").from(FROM).build().deliver(Fixtures.notification("email", TO).build());
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).contains("rejected the credentials of user " + USER).doesNotContain("wrong-password");
        assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    @DisplayName("STARTTLS: the session is upgraded before any mail command, the certificate and host name are checked")
    void startTls() throws Exception {
        front.mode = SmtpFront.Mode.STARTTLS;
        EmailChannel tls = EmailChannel.builder().host("localhost").port(front.port()).credentials(USER, PASSWORD).from(FROM)
                .sslSocketFactory(TestTls.client().getSocketFactory()).build();
        DeliveryResult r = tls.deliver(Fixtures.notification("email", TO).build());
        assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.DELIVERED);
        assertThat(front.tlsSessions).isEqualTo(1);
        // In clear text only EHLO and STARTTLS; AUTH and MAIL went through TLS to GreenMail.
        assertThat(front.clientLines.subList(0, 2)).allMatch(l -> l.startsWith("EHLO") || l.equals("STARTTLS"));
        assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
        assertThat(tls.toString()).contains("starttls-required").doesNotContain(PASSWORD);
    }

    @Test
    @DisplayName("STARTTLS is required: a server that does not offer it gets nothing")
    void startTlsRequired() {
        EmailChannel tls = EmailChannel.builder().host("127.0.0.1").port(GREENMAIL.getSmtp().getPort())
                .credentials(USER, PASSWORD).from(FROM).build();
        DeliveryResult r = tls.deliver(Fixtures.notification("email", TO).build());
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).contains("STARTTLS");
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("SMTPS against GreenMail's TLS port with our trust store; the JVM's default trust refuses the certificate")
    void implicitTls() throws Exception {
        EmailChannel.Builder smtps = EmailChannel.builder().host("localhost").port(GREENMAIL.getSmtps().getPort())
                .implicitTls(true).credentials(USER, PASSWORD).from(FROM);
        DeliveryResult trusted = smtps.sslSocketFactory(TestTls.client().getSocketFactory()).build()
                .deliver(Fixtures.notification("email", TO).build());
        assertThat(trusted.outcome()).as(trusted.reason()).isEqualTo(Outcome.DELIVERED);
        assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);

        DeliveryResult untrusted = EmailChannel.builder().host("localhost").port(GREENMAIL.getSmtps().getPort())
                .implicitTls(true).credentials(USER, PASSWORD).from(FROM).build()
                .deliver(Fixtures.notification("email", TO).build());
        assertThat(untrusted.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(untrusted.reason()).contains("TLS with SMTP server localhost");
        assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    @DisplayName("an invalid address fails before connecting; SMTP 4xx is retried and 5xx fails with the server's text")
    void mapping() throws Exception {
        assertThat(channel.deliver(Fixtures.notification("email", "not an address").build()).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(front.clientLines).isEmpty();
        arrange(Behaviour.REJECT);
        assertThat(channel.deliver(Fixtures.notification("email", TO).build()).reason())
                .contains("554 5.6.0 Message rejected by content policy");
        arrange(Behaviour.SERVER_ERROR);
        assertThat(channel.deliver(Fixtures.notification("email", TO).build()).reason()).contains("451 4.3.0");
    }

    @Test
    @DisplayName("credentials without TLS are refused when the channel is built, naming the setting")
    void noPasswordInClearText() {
        assertThatThrownBy(() -> plain(front.port()).credentials(USER, PASSWORD).build())
                .isInstanceOfSatisfying(ChannelConfigurationException.class, e -> assertThat(e.settings()).containsExactly("startTls"))
                .hasMessage(EmailChannel.CLEAR_TEXT_PASSWORD)
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    @DisplayName("a server that never greets: the transaction ends at its deadline, retried later (nothing was sent)")
    void deadlineBeforeSending() {
        front.mode = SmtpFront.Mode.SILENT;
        EmailChannel impatient = plain(front.port()).timeout(Duration.ofSeconds(30)).deadline(Duration.ofMillis(300)).build();
        DeliveryResult r = assertTimeoutPreemptively(Duration.ofSeconds(25), () -> impatient.deliver(Fixtures.notification("email", TO).build()));
        assertThat(r.outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(r.reason()).isEqualTo("SMTP server 127.0.0.1:" + front.port() + ": the transaction did not complete within 300 ms");
        assertThat(r.ambiguous()).isFalse();
    }

    @Test
    @DisplayName("a server that takes the message and never answers: ambiguous at the deadline; through the dispatcher it gets the page twice at most")
    void deadlineAfterData() {
        front.mode = SmtpFront.Mode.STALL_AFTER_DATA;
        // 2 s: the message must be on its way before the deadline, even on a loaded machine.
        EmailChannel impatient = plain(front.port()).timeout(Duration.ofSeconds(30)).deadline(Duration.ofSeconds(2)).build();
        DeliveryResult r = assertTimeoutPreemptively(Duration.ofSeconds(25), () -> impatient.deliver(Fixtures.notification("email", TO).build()));
        assertThat(r.outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(r.ambiguous()).as("the server may have queued it").isTrue();
        assertThat(front.repliedMessageIds).hasSize(1);

        ManualDeliveryScheduler scheduler = new ManualDeliveryScheduler(Fixtures.T0);
        List<DeadLetter> dead = new ArrayList<>();
        try (NotificationDispatcher d = NotificationDispatcher.builder().channel(impatient).scheduler(scheduler)
                .retryPolicy(RetryPolicy.ofDefaults().withMaxAttempts(4)).listener(new DeliveryListener() {
                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {
                        dead.add(deadLetter);
                    }
                }).build()) {
            d.submit(Fixtures.notification("email", TO).alertId("alert-slow").build());
            assertTimeoutPreemptively(Duration.ofSeconds(25), () -> scheduler.advanceUntilIdle(Duration.ofHours(1)));
        }
        assertThat(front.repliedMessageIds).as("the first test message and two copies of the page").hasSize(3);
        assertThat(front.repliedMessageIds.get(2)).isEqualTo(front.repliedMessageIds.get(1));
        assertThat(dead).singleElement().satisfies(x -> assertThat(x.reason()).contains("cannot deduplicate"));
    }

    @Test
    @DisplayName("from the environment: every problem named, the password never shown")
    void environment() {
        assertThatThrownBy(() -> EmailChannel.fromEnvironment(Map.of("SMTP_USERNAME", USER, "SMTP_FROM", "nobody",
                "SMTP_PORT", "99999", "SMTP_USE_TLS", "maybe")))
                .isInstanceOfSatisfying(ChannelConfigurationException.class, e -> assertThat(e.settings())
                        .containsExactlyInAnyOrder("SMTP_HOST", "SMTP_PORT", "SMTP_PASSWORD", "SMTP_USE_TLS", "SMTP_FROM"))
                .hasMessageContaining("5 configuration problems");
        assertThatThrownBy(() -> EmailChannel.fromEnvironment(Map.of("SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(GREENMAIL.getSmtp().getPort()), "SMTP_USERNAME", USER, "SMTP_PASSWORD", PASSWORD,
                "SMTP_USE_TLS", "false", "SMTP_FROM", FROM)))
                .as("a password in clear text").isInstanceOfSatisfying(ChannelConfigurationException.class,
                        e -> assertThat(e.settings()).containsExactly("SMTP_USE_TLS"))
                .hasMessageContaining("SMTP_USE_TLS=false with SMTP_USERNAME set: the password would cross the network in clear text")
                .hasMessageNotContaining(PASSWORD);
        EmailChannel withPassword = EmailChannel.fromEnvironment(Map.of("SMTP_HOST", "127.0.0.1",
                "SMTP_USERNAME", USER, "SMTP_PASSWORD", PASSWORD, "SMTP_FROM", FROM)).build();
        assertThat(withPassword.toString()).doesNotContain(PASSWORD).contains("****").contains("starttls-required");
        EmailChannel fromEnv = EmailChannel.fromEnvironment(Map.of("SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(GREENMAIL.getSmtp().getPort()), "SMTP_USE_TLS", "false", "SMTP_FROM", FROM)).build();
        assertThat(fromEnv.deliver(Fixtures.notification("email", TO).build()).outcome()).isEqualTo(Outcome.DELIVERED);
    }
}
