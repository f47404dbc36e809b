using MimeKit;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Smtp;

/// <summary>Refuses nonsensical <see cref="SmtpOptions"/> at start-up, naming the configuration key.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var errors = GetErrors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem in <paramref name="options"/>; empty when valid.</summary>
    public static IReadOnlyList<string> GetErrors(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string s = SmtpOptions.SectionName;
        Range(errors, $"{s}:CommandTimeout", options.CommandTimeout, TimeSpan.FromMinutes(10));
        Range(errors, $"{s}:ConnectTimeout", options.ConnectTimeout, TimeSpan.FromMinutes(5));
        Range(errors, $"{s}:CheckTimeout", options.CheckTimeout, TimeSpan.FromHours(1));
        if (options.CheckTimeout > TimeSpan.Zero && options.CheckTimeout < options.CommandTimeout)
        {
            errors.Add($"{s}:CheckTimeout ({options.CheckTimeout}) must not be shorter than {s}:CommandTimeout ({options.CommandTimeout}).");
        }

        if (string.IsNullOrWhiteSpace(options.EhloName) || options.EhloName.Length > 253 || options.EhloName.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add($"{s}:EhloName must be a host name of 1 to 253 characters without spaces or control characters.");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultFrom) || options.DefaultFrom.Any(char.IsControl)
            || !MailboxAddress.TryParse(ParserOptions.Default, options.DefaultFrom, out _))
        {
            errors.Add($"{s}:DefaultFrom must be a valid address (e.g. mailcheck@example.com).");
        }

        if (string.IsNullOrWhiteSpace(options.InstanceName) || options.InstanceName.Length > 100 || options.InstanceName.Any(char.IsControl))
        {
            errors.Add($"{s}:InstanceName must be 1 to 100 characters without control characters.");
        }

        if (!string.IsNullOrWhiteSpace(options.EgressAddress) && !System.Net.IPAddress.TryParse(options.EgressAddress.Trim(), out _))
        {
            errors.Add($"{s}:EgressAddress must be an IPv4 or IPv6 address (e.g. 203.0.113.5), or empty.");
        }

        if (options.MaxReplyLineBytes is < 512 or > 65536)
        {
            errors.Add($"{s}:MaxReplyLineBytes must be between 512 (RFC 5321 §4.5.3.1.5) and 65536.");
        }

        if (options.MaxReplyBytes < options.MaxReplyLineBytes || options.MaxReplyBytes > 16 * 1024 * 1024)
        {
            errors.Add($"{s}:MaxReplyBytes must be at least {s}:MaxReplyLineBytes and at most 16 MiB.");
        }

        return errors;
    }

    private static void Range(List<string> errors, string key, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            errors.Add($"{key} must be positive and at most {max} (got {value}).");
        }
    }
}
