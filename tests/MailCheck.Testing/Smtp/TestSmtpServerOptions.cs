using System.Net;

namespace MailCheck.Testing.Smtp;

/// <summary>How a <see cref="TestSmtpServer"/> behaves. Every property has a sensible default.</summary>
public sealed class TestSmtpServerOptions
{
    /// <summary>
    /// Recipient local parts (before the @, case-insensitive) that are refused at RCPT TO, and how:
    /// <c>unknown</c> → 550 5.1.1, <c>greylist</c> → 450 4.2.0, <c>tempfail</c> → 451 4.7.1, <c>full</c> → 452 4.2.2,
    /// <c>relay</c> → 550 5.7.1. Replace or extend as needed.
    /// </summary>
    public static IReadOnlyDictionary<string, SmtpReplyRule> DefaultRecipientRules { get; } =
        new Dictionary<string, SmtpReplyRule>(StringComparer.OrdinalIgnoreCase)
        {
            ["unknown"] = new(550, "5.1.1 Mailbox does not exist"),
            ["greylist"] = new(450, "4.2.0 Greylisted, please try again later"),
            ["tempfail"] = new(451, "4.7.1 Try again later"),
            ["full"] = new(452, "4.2.2 Mailbox full"),
            ["relay"] = new(550, "5.7.1 Relaying denied"),
        };

    /// <summary>The addresses to listen on (all with the same port). Default: 127.0.0.1.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [IPAddress.Loopback];

    /// <summary>The port; 0 (default) picks one that is free on every address.</summary>
    public int Port { get; init; }

    /// <summary>The name in the banner and EHLO reply.</summary>
    public string ServerName { get; init; } = "mx.test";

    /// <summary>Offer STARTTLS with a self-signed certificate for <see cref="ServerName"/> (default true).</summary>
    public bool StartTls { get; init; } = true;

    /// <summary>Speak TLS from the first byte (SMTPS) instead of offering STARTTLS.</summary>
    public bool ImplicitTls { get; init; }

    /// <summary>The certificate to use; default: a fresh self-signed one from <see cref="TestCertificates"/>.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }

    /// <summary>When set, AUTH PLAIN/LOGIN is offered and only this username/password pair is accepted.</summary>
    public (string Username, string Password)? Credentials { get; init; }

    /// <summary>Offer AUTH before STARTTLS too (default false: like real servers, only under TLS).</summary>
    public bool AllowUnsecureAuthentication { get; init; }

    /// <summary>Advertise ENHANCEDSTATUSCODES in the EHLO reply (default true).</summary>
    public bool EnhancedStatusCodes { get; init; } = true;

    /// <summary>The SIZE limit advertised and enforced, in bytes (0: none).</summary>
    public int MaxMessageSize { get; init; } = 10 * 1024 * 1024;

    /// <summary>Recipient local parts refused at RCPT TO; see <see cref="DefaultRecipientRules"/>.</summary>
    public IReadOnlyDictionary<string, SmtpReplyRule> RecipientRules { get; init; } = DefaultRecipientRules;

    /// <summary>Sender local parts refused at MAIL FROM (none by default).</summary>
    public IReadOnlyDictionary<string, SmtpReplyRule> SenderRules { get; init; } =
        new Dictionary<string, SmtpReplyRule>(StringComparer.OrdinalIgnoreCase);
}
