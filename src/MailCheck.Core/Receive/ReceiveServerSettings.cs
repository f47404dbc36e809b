using System.Globalization;
using MailCheck.Core.Checks;

namespace MailCheck.Core.Receive;

/// <summary>What every session of the listener needs to know, fixed at start-up.</summary>
public sealed record ReceiveServerSettings
{
    /// <summary>The longest command line read (RFC 5321 §4.5.3.1.4 says 512 octets; extensions make MAIL longer, so 2048 as Postfix).</summary>
    public const int MaxCommandLineBytes = 2048;

    /// <summary>After this many error replies the connection is closed with 421 (as Postfix's smtpd_hard_error_limit).</summary>
    public const int MaxErrors = 20;

    /// <summary>Recipients one transaction may name (RFC 5321 §4.5.3.1.8: a server must take at least 100).</summary>
    public const int MaxRecipients = 100;

    public required ReceiveOptions Options { get; init; }

    /// <summary>The name MailCheck greets with (its host name; <c>MailCheck:Smtp:EhloName</c>).</summary>
    public required string HostName { get; init; }

    /// <summary>The receive domain in ASCII, lower case, without a trailing dot.</summary>
    public required string Domain { get; init; }

    /// <summary>The STARTTLS certificate; null: STARTTLS is not offered.</summary>
    public ReceiveCertificate? Certificate { get; init; }

    /// <summary>The size limit as SIZE advertises it.</summary>
    public string SizeText => Options.MaxMessageSize.ToString(CultureInfo.InvariantCulture);

    public static ReceiveServerSettings From(ReceiveOptions options, string hostName, ReceiveCertificate? certificate)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        return new ReceiveServerSettings
        {
            Options = options,
            HostName = hostName.Trim().TrimEnd('.'),
            Domain = DomainName.ToAscii(options.Domain!.Trim()),
            Certificate = certificate,
        };
    }
}
