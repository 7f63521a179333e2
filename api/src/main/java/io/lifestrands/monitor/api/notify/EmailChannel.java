package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.Severity;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/**
 * Email for critical alerts to {@code ALERT_EMAIL} through the configured SMTP server. Bad addresses, a refused
 * login and unparseable messages fail for good; anything else (server down, temporary refusal) is retried.
 */
final class EmailChannel implements Channel {

    private final Duration timeout;

    EmailChannel(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean configured(NotificationSettings settings) {
        return settings.email().enabled();
    }

    @Override
    public boolean wants(AlertEvent alert, NotificationSettings settings) {
        return configured(settings) && alert.severity() == Severity.CRITICAL;
    }

    @Override
    public Outcome send(Notice notice, NotificationSettings settings) {
        NotificationSettings.Email email = settings.email();
        JavaMailSenderImpl sender = sender(email);
        try {
            EmailMessage message = EmailMessage.render(notice);
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
            helper.setFrom(email.from() == null ? "monitor@localhost" : email.from());
            helper.setTo(email.to().split("\\s*,\\s*"));
            helper.setSubject(message.subject());
            helper.setText(message.text(), message.html());
            sender.send(mime);
            return Outcome.sent(null);
        } catch (MessagingException | MailParseException | MailPreparationException e) {
            return Outcome.failed(null, "message could not be built: " + e.getClass().getSimpleName());
        } catch (MailAuthenticationException e) {
            return Outcome.failed(null, "SMTP login refused");
        } catch (MailSendException e) {
            boolean badAddress = e.getFailedMessages().values().stream()
                    .anyMatch(cause -> cause instanceof SendFailedException);
            return badAddress ? Outcome.failed(null, "SMTP refused the recipients")
                    : Outcome.retry(null, null, "SMTP send failed: " + rootClass(e));
        } catch (MailException e) {
            return Outcome.retry(null, null, "SMTP failed: " + rootClass(e));
        }
    }

    private JavaMailSenderImpl sender(NotificationSettings.Email email) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(email.smtpHost());
        sender.setPort(email.smtpPort());
        sender.setUsername(email.smtpUser());
        sender.setPassword(email.smtpPassword());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties props = new Properties();
        String ms = Long.toString(timeout.toMillis());
        props.put("mail.smtp.connectiontimeout", ms);
        props.put("mail.smtp.timeout", ms);
        props.put("mail.smtp.writetimeout", ms);
        props.put("mail.smtp.auth", Boolean.toString(email.smtpUser() != null));
        props.put("mail.smtp.starttls.enable", Boolean.toString(email.starttls()));
        props.put("mail.smtp.starttls.required", Boolean.toString(email.starttls()));
        sender.setJavaMailProperties(props);
        return sender;
    }

    private static String rootClass(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
