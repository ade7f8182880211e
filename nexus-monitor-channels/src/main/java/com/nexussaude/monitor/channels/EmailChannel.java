package com.nexussaude.monitor.channels;

import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * E-mail over SMTP with Angus Mail (Jakarta Mail): one connection per attempt, STARTTLS required
 * by default (never falls back to clear text), optional implicit TLS (SMTPS), authentication when
 * a user name is set. The server's certificate and host name are checked; a custom trust store is
 * given as an {@link SSLSocketFactory}.
 *
 * <p>The message is {@code multipart/alternative} with a UTF-8 plain-text part and an HTML part,
 * rendered from the {@value #SUBJECT}, {@value #TEXT} and {@value #HTML} templates (or the
 * notification's pre-rendered subject, text and HTML). Its {@code Message-ID} is derived from the
 * idempotency key, so a retry sends the same id and mail systems can drop the duplicate. It is
 * marked {@code Auto-Submitted: auto-generated} (RFC 3834) so auto-responders stay quiet, and high
 * or critical alerts carry {@code Importance: high}. The contact point's address is the recipient's
 * e-mail address.
 *
 * <p>Results: accepted by the server is delivered. SMTP 4xx replies and network failures are
 * retried; 5xx replies, a rejected address, failed authentication, a server that does not offer
 * required STARTTLS and TLS failures fail permanently.
 *
 * <p>Templates: {@value #SUBJECT}, {@value #TEXT}, {@value #HTML}. Default name
 * {@value #DEFAULT_NAME}. Environment: {@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USERNAME},
 * {@code SMTP_PASSWORD}, {@code SMTP_USE_TLS}, {@code SMTP_USE_SSL}, {@code SMTP_FROM}.
 *
 * @since 0.1
 */
public final class EmailChannel extends BaseChannel {

    /** Template part: the subject line. */
    public static final String SUBJECT = "subject";
    /** Template part: the plain-text body. */
    public static final String TEXT = "text";
    /** Template part: the HTML body. */
    public static final String HTML = "html";
    /** Default channel name. */
    public static final String DEFAULT_NAME = "email";
    /** Default time to connect to the SMTP server. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time to wait for each SMTP reply or write. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Default deadline of a whole SMTP transaction: connect, STARTTLS, AUTH, MAIL, RCPT and DATA.
     *
     * @since 0.2
     */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(45);

    private final String host;
    private final int port;
    private final String username;
    private final Secret password;
    private final boolean startTls;
    private final boolean implicitTls;
    private final InternetAddress from;
    private final Properties properties;
    private final SSLSocketFactory sslSocketFactory;
    private final Duration deadline;
    private final java.time.Clock clock;

    private EmailChannel(Builder b, InternetAddress from) {
        super(b, Templates.compile(b.name, List.of(
                Templates.Part.bundled(SUBJECT, "email-subject.txt.mustache", Escaping.NONE),
                Templates.Part.bundled(TEXT, "email-text.txt.mustache", Escaping.NONE),
                Templates.Part.bundled(HTML, "email.html.mustache", Escaping.HTML)), b.templates));
        this.host = b.host;
        this.implicitTls = b.implicitTls;
        this.startTls = b.startTls && !b.implicitTls;
        this.port = b.port > 0 ? b.port : (implicitTls ? 465 : startTls ? 587 : 25);
        this.username = b.username;
        this.password = b.password;
        this.from = from;
        this.clock = b.clock;
        this.sslSocketFactory = b.sslSocketFactory != null ? b.sslSocketFactory : (SSLSocketFactory) SSLSocketFactory.getDefault();
        this.deadline = b.deadline;
        this.properties = properties(b);
    }

    /** A session whose sockets {@code watch} records, so that they can be closed at the deadline. */
    private Session session(SmtpDeadline watch) {
        Properties props = new Properties();
        props.putAll(properties);
        String p = implicitTls ? "mail.smtps." : "mail.smtp.";
        props.put(p + "socketFactory", watch.plain());
        props.put(p + "ssl.socketFactory", watch.tls(sslSocketFactory));
        return Session.getInstance(props);
    }

    private Properties properties(Builder b) {
        String p = implicitTls ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put(p + "host", host);
        props.put(p + "port", Integer.toString(port));
        props.put(p + "auth", Boolean.toString(username != null));
        props.put(p + "connectiontimeout", Long.toString(b.connectTimeout.toMillis()));
        props.put(p + "timeout", Long.toString(b.timeout.toMillis()));
        props.put(p + "writetimeout", Long.toString(b.timeout.toMillis()));
        if (startTls) {
            // required: a server (or an attacker stripping the capability) that does not offer
            // STARTTLS gets nothing, rather than patient data in clear text.
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (startTls || implicitTls) {
            props.put(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    /**
     * A builder with defaults: STARTTLS required, no authentication.
     *
     * @return a builder with defaults: STARTTLS required, no authentication
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder filled from environment variables.
     *
     * @param env the environment variables, usually {@link System#getenv()}; not null
     * @return a builder filled from environment variables
     * @throws ChannelConfigurationException naming every missing or invalid variable
     */
    public static Builder fromEnvironment(Map<String, String> env) {
        Settings s = new Settings(env);
        Builder b = new Builder();
        b.readCommon(s);
        b.host = s.required(ChannelEnvironment.SMTP_HOST);
        b.port = s.integer(ChannelEnvironment.SMTP_PORT, 0, 1, 65535);
        b.username = s.optional(ChannelEnvironment.SMTP_USERNAME);
        if (b.username != null) {
            b.password = s.requiredSecret(ChannelEnvironment.SMTP_PASSWORD);
        }
        b.startTls = s.bool(ChannelEnvironment.SMTP_USE_TLS, true);
        b.implicitTls = s.bool(ChannelEnvironment.SMTP_USE_SSL, false);
        if (b.username != null && !b.startTls && !b.implicitTls) {
            s.problem(ChannelEnvironment.SMTP_USE_TLS, ChannelEnvironment.SMTP_USE_TLS + "=false with "
                    + ChannelEnvironment.SMTP_USERNAME + " set: the password would cross the network in clear text;"
                    + " set " + ChannelEnvironment.SMTP_USE_TLS + "=true or " + ChannelEnvironment.SMTP_USE_SSL + "=true");
        }
        b.from = s.required(ChannelEnvironment.SMTP_FROM);
        if (b.from != null) {
            try {
                new InternetAddress(b.from, true);
            } catch (AddressException e) {
                s.problem(ChannelEnvironment.SMTP_FROM, ChannelEnvironment.SMTP_FROM + " must be an e-mail address, but was '"
                        + b.from + "'");
            }
        }
        s.throwIfInvalid(DEFAULT_NAME);
        return b;
    }

    @Override
    DeliveryResult send(Notification original, Notification visible, Map<String, Object> model) {
        InternetAddress to;
        try {
            to = new InternetAddress(original.recipient().contact().address().strip(), true);
        } catch (AddressException e) {
            return DeliveryResult.failed("invalid e-mail address for " + original.recipient().id() + ": " + e.getMessage());
        }
        boolean sending = false;
        try (SmtpDeadline watch = new SmtpDeadline(deadline)) {
            Session session = session(watch);
            try {
                MimeMessage message = message(session, original, model, to);
                try (Transport transport = session.getTransport(implicitTls ? "smtps" : "smtp")) {
                    transport.connect(host, port, username, password == null ? null : password.reveal());
                    sending = true;
                    transport.sendMessage(message, message.getAllRecipients());
                }
                return DeliveryResult.delivered("SMTP server " + host + ":" + port + " accepted " + message.getMessageID());
            } catch (MessagingException e) {
                if (watch.expired()) {
                    String why = "SMTP server " + host + ":" + port + ": the transaction did not complete within "
                            + deadline.toMillis() + " ms";
                    // Once the message was on its way the server may have queued it: a retry could send it twice.
                    return sending ? DeliveryResult.ambiguous(why) : DeliveryResult.retryLater(why);
                }
                return interpret(e);
            }
        }
    }

    private MimeMessage message(Session session, Notification original, Map<String, Object> model, InternetAddress to)
            throws MessagingException {
        String messageId = "<" + original.idempotencyKey().replaceAll("[^A-Za-z0-9._-]", "-") + "@nexus-monitor>";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // The same id on every attempt: the idempotency key in Message-ID form.
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, to);
        String subject = original.content().subjectIfPresent().orElseGet(() -> templates.render(SUBJECT, model));
        // One line: a newline in a subject would start a new header.
        message.setSubject(Text.oneLine(subject), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Nexus-Alert-Id", original.alertId());
        if (TemplateModel.isUrgent(original.severity())) {
            message.setHeader("Importance", "high");
            message.setHeader("X-Priority", "1");
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(original.content().textIfPresent().orElseGet(() -> templates.render(TEXT, model)), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(original.content().htmlIfPresent().orElseGet(() -> templates.render(HTML, model)), "UTF-8", "html");
        // Plain text first: in multipart/alternative the last part is the preferred one.
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private DeliveryResult interpret(MessagingException e) {
        String server = "SMTP server " + host + ":" + port;
        if (e instanceof AuthenticationFailedException) {
            return DeliveryResult.failed(server + " rejected the credentials of user " + username);
        }
        int code = returnCode(e);
        if (code >= 400 && code < 500) {
            return DeliveryResult.retryLater(server + " answered " + Http.clip(e.getMessage()));
        }
        if (code >= 500) {
            return DeliveryResult.failed(server + " answered " + Http.clip(e.getMessage()));
        }
        if (e instanceof SendFailedException) {
            return DeliveryResult.failed(server + " refused the recipient: " + Http.clip(e.getMessage()));
        }
        Throwable cause = e.getCause();
        if (cause instanceof SSLException) {
            return DeliveryResult.failed("TLS with " + server + " failed (" + cause.getClass().getSimpleName()
                    + "): check its certificate and the trust store");
        }
        if (cause instanceof IOException) {
            return DeliveryResult.retryLater(server + " could not be reached (" + cause.getClass().getSimpleName() + ")");
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("STARTTLS")) {
            // Angus reports a missing STARTTLS capability only in its message text.
            return DeliveryResult.failed(server + " does not offer STARTTLS, which is required (" + Http.clip(text) + ")");
        }
        return DeliveryResult.retryLater(server + ": " + Http.clip(text));
    }

    private static int returnCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (x instanceof SMTPSenderFailedException f) {
                return f.getReturnCode();
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "EmailChannel[name=" + name + ", server=" + host + ":" + port + ", tls="
                + (implicitTls ? "implicit" : startTls ? "starttls-required" : "none")
                + ", user=" + username + ", password=" + (password == null ? "none" : password) + ", from=" + from + "]";
    }

    static final String CLEAR_TEXT_PASSWORD = "email channel: credentials are set but TLS is off (neither STARTTLS nor"
            + " implicit TLS): the password would cross the network in clear text; keep STARTTLS on (the default) or"
            + " use implicit TLS";

    /** Configures an {@link EmailChannel}; host and From address are required. */
    public static final class Builder extends ChannelBuilder<Builder> {
        private String host;
        private int port;
        private String username;
        private Secret password;
        private boolean startTls = true;
        private boolean implicitTls;
        private String from;
        private SSLSocketFactory sslSocketFactory;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration deadline = DEFAULT_DEADLINE;

        private Builder() {
            super(DEFAULT_NAME);
        }

        /**
         * The SMTP server's host name.
         *
         * @param host the SMTP server's host name or address; not null
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port; default 587 with STARTTLS, 465 with implicit TLS, else 25.
         *
         * @param port the TCP port, 1 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new ChannelConfigurationException(List.of("port"), "port must be within 1..65535, but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Authenticates as {@code username} with {@code password} (never shown).
         *
         * @param username the SMTP AUTH user name; not null
         * @param password the SMTP AUTH password; not null, never logged
         * @return this builder
         */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Secret.of(password, "password");
            return this;
        }

        /**
         * Require STARTTLS (default true). Turning it off sends patient data in clear text (logged as
         * a WARNING), and is refused together with {@link #credentials}: a password never travels in clear text.
         *
         * @param startTls true to require STARTTLS before sending; false sends in clear text
         * @return this builder
         */
        public Builder startTls(boolean startTls) {
            this.startTls = startTls;
            return this;
        }

        /**
         * Connect with TLS from the start (SMTPS) instead of STARTTLS; default false.
         *
         * @param implicitTls true to connect with TLS from the start (port 465 by default)
         * @return this builder
         */
        public Builder implicitTls(boolean implicitTls) {
            this.implicitTls = implicitTls;
            return this;
        }

        /**
         * The From address.
         *
         * @param from the sender's e-mail address; not null
         * @return this builder
         */
        public Builder from(String from) {
            this.from = Objects.requireNonNull(from, "from");
            return this;
        }

        /**
         * Sockets for TLS, to trust a private CA; default the JVM's trust store. Host names are still checked.
         *
         * @param sslSocketFactory the factory of TLS sockets; not null
         * @return this builder
         */
        public Builder sslSocketFactory(SSLSocketFactory sslSocketFactory) {
            this.sslSocketFactory = Objects.requireNonNull(sslSocketFactory, "sslSocketFactory");
            return this;
        }

        /**
         * Time to connect; default 10 s.
         *
         * @param connectTimeout the time allowed to connect; greater than zero
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = HttpChannelBuilder.positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Time for each reply or write; default 30 s.
         *
         * @param timeout the time allowed for each SMTP reply or write; greater than zero
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = HttpChannelBuilder.positive(timeout, "timeout");
            return this;
        }

        /**
         * The deadline of a whole SMTP transaction (connect, STARTTLS, AUTH, MAIL, RCPT, DATA);
         * default 45 s. At the deadline the connection is closed and the attempt is retried later
         * ({@linkplain DeliveryResult#ambiguous() ambiguous} once the message was being sent).
         *
         * @param deadline the deadline of one whole SMTP transaction; greater than zero
         * @return this builder
         * @since 0.2
         */
        public Builder deadline(Duration deadline) {
            this.deadline = HttpChannelBuilder.positive(deadline, "deadline");
            return this;
        }

        /**
         * Builds the channel.
         *
         * @return a new channel, ready to send; close it when it is no longer used
         * @throws ChannelConfigurationException if host or From is missing or From is not an address,
         *                                       or if credentials are set without TLS
         */
        public EmailChannel build() {
            List<String> missing = new ArrayList<>();
            if (host == null || host.isBlank()) {
                missing.add("host");
            }
            if (from == null) {
                missing.add("from");
            }
            requireAll("email", missing);
            if (username != null && !startTls && !implicitTls) {
                throw new ChannelConfigurationException(List.of("startTls"), CLEAR_TEXT_PASSWORD);
            }
            if (!startTls && !implicitTls) {
                LOG.log(System.Logger.Level.WARNING, "INSECURE TRANSPORT: the " + name + " channel sends patient data to "
                        + host + " in clear text (no STARTTLS, no implicit TLS); acceptable only for a relay inside"
                        + " the hospital's network");
            }
            try {
                return new EmailChannel(this, new InternetAddress(from, true));
            } catch (AddressException e) {
                throw new ChannelConfigurationException(List.of("from"), "email channel: from must be an e-mail address, but was '"
                        + from + "'");
            }
        }
    }
}
