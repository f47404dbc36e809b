using MailCheck.Core.Checks;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Posture.Blocklists;

/// <summary>Refuses nonsensical <see cref="DnsblOptions"/> at start-up, naming the configuration key.</summary>
public sealed class DnsblOptionsValidator : IValidateOptions<DnsblOptions>
{
    public ValidateOptionsResult Validate(string? name, DnsblOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        const string s = DnsblOptions.SectionName;
        var zones = options.Zones ?? [];
        if (zones.Count > DnsblOptions.MaxZones)
        {
            errors.Add($"{s}:Zones may name at most {DnsblOptions.MaxZones} zones (got {zones.Count}).");
        }

        for (var i = 0; i < zones.Count; i++)
        {
            var zone = zones[i]?.Trim().TrimEnd('.') ?? "";
            if (zone.Length == 0 || DomainName.ParseAddressLiteral(zone) is not null || !DomainName.TryNormalize(zone, out _, out _) || !zone.Contains('.', StringComparison.Ordinal))
            {
                errors.Add($"{s}:Zones:{i} must be a DNS zone name such as zen.spamhaus.org (got \"{zones[i]}\").");
            }
        }

        if (options.CacheDuration < TimeSpan.Zero || options.CacheDuration > TimeSpan.FromHours(1))
        {
            errors.Add($"{s}:CacheDuration must be between 0 and 1 hour (got {options.CacheDuration}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
