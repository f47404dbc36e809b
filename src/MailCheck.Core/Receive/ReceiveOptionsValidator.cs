using MailCheck.Core.Checks;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Receive;

/// <summary>Refuses nonsensical <see cref="ReceiveOptions"/> at start-up, naming the configuration key.</summary>
public sealed class ReceiveOptionsValidator : IValidateOptions<ReceiveOptions>
{
    /// <summary>Smallest message size limit: RFC 5321 §4.5.3.1.7 asks a server to take messages of at least 64 KiB.</summary>
    public const long MinMessageSize = 64 * 1024;

    /// <summary>Largest message size limit (the message is held in memory while it arrives).</summary>
    public const long MaxMessageSize = 100 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, ReceiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string s = ReceiveOptions.SectionName;
        if (options.Enabled)
        {
            var domain = options.Domain!.Trim();
            if (DomainName.IsAddressLiteral(domain) || !DomainName.TryNormalize(domain, out _, out var why) || !domain.TrimEnd('.').Contains('.', StringComparison.Ordinal))
            {
                errors.Add($"{s}:Domain must be a domain name such as receive.example.com, whose MX points at this MailCheck (got \"{options.Domain}\").");
            }
        }

        if (!ReceiveEndpoint.TryParse(options.Listen, out _, out var listenError))
        {
            errors.Add($"{s}:Listen {listenError}");
        }

        if (options.Wait < TimeSpan.FromMinutes(1) || options.Wait > TimeSpan.FromDays(7))
        {
            errors.Add($"{s}:Wait must be between 00:01:00 and 7.00:00:00 (got {options.Wait}).");
        }

        if (options.MaxMessageSize < MinMessageSize || options.MaxMessageSize > MaxMessageSize)
        {
            errors.Add($"{s}:MaxMessageSize must be between {MinMessageSize} (64 KiB, RFC 5321 §4.5.3.1.7) and {MaxMessageSize} bytes (got {options.MaxMessageSize}).");
        }

        if (!string.IsNullOrWhiteSpace(options.CertificateFile) && !File.Exists(options.CertificateFile))
        {
            errors.Add($"{s}:CertificateFile: there is no file '{options.CertificateFile}'.");
        }

        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            if (string.IsNullOrWhiteSpace(options.CertificateFile))
            {
                errors.Add($"{s}:KeyFile is set without {s}:CertificateFile.");
            }
            else if (!File.Exists(options.KeyFile))
            {
                errors.Add($"{s}:KeyFile: there is no file '{options.KeyFile}'.");
            }
        }

        if (options.MaxConnections is < 1 or > 10_000)
        {
            errors.Add($"{s}:MaxConnections must be between 1 and 10000 (got {options.MaxConnections}).");
        }

        if (options.MaxConnectionsPerAddress < 1 || options.MaxConnectionsPerAddress > Math.Max(1, options.MaxConnections))
        {
            errors.Add($"{s}:MaxConnectionsPerAddress must be between 1 and MaxConnections ({options.MaxConnections}) (got {options.MaxConnectionsPerAddress}).");
        }

        if (options.CommandTimeout < TimeSpan.FromSeconds(1) || options.CommandTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{s}:CommandTimeout must be between 00:00:01 and 00:10:00 (got {options.CommandTimeout}).");
        }

        if (options.SessionTimeout < options.CommandTimeout || options.SessionTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"{s}:SessionTimeout must be at least CommandTimeout ({options.CommandTimeout}) and at most 01:00:00 (got {options.SessionTimeout}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
